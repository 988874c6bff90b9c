from django.urls import path

from . import views, views_reviu

app_name = "laporan"

urlpatterns = [
    path("", views.laporan_index_view, name="index"),
    path("lkjip/buat/", views.lkjip_create_view, name="lkjip-create"),
    path("lkjip/<int:pk>/", views.lkjip_detail_view, name="lkjip-detail"),
    path("lkjip/<int:pk>/pdf/", views.lkjip_pdf_view, name="lkjip-pdf"),
    path("lkjip/<int:pk>/versi/<int:versi>/pdf/", views.lkjip_arsip_view, name="lkjip-arsip"),
    path("lkjip/<int:pk>/ajukan/", views.lkjip_submit_view, name="lkjip-submit"),
    path("lkjip/<int:pk>/kembalikan/", views.lkjip_return_view, name="lkjip-return"),
    path("lkjip/<int:pk>/setujui/", views.lkjip_approve_view, name="lkjip-approve"),
    path("lkjip/<int:pk>/buka-kunci/", views.lkjip_unlock_view, name="lkjip-unlock"),
    path("pelaporan/", views.pelaporan_view, name="pelaporan"),
    path("lkjip/<int:pk>/xlsx/", views.lkjip_xlsx_view, name="lkjip-xlsx"),
    path("lkjip/<int:pk>/ubah/<str:bagian>/", views.lkjip_bagian_view, name="lkjip-bagian"),
    path("lkjip/<int:pk>/pegawai/", views.lkjip_sdm_view, name="lkjip-sdm"),
    path("lkjip/<int:pk>/sarana/", views.lkjip_aset_view, name="lkjip-aset"),
    path("lkjip/<int:pk>/prestasi/", views.lkjip_prestasi_view, name="lkjip-prestasi"),
    path("lkjip/<int:pk>/narasi/perbarui/", views.narasi_perbarui_view,
         name="narasi-perbarui"),
    path("lkjip/<int:pk>/narasi/<int:indikator>/<str:jenis>/", views.narasi_view,
         name="narasi-ubah"),
    path("pk/<int:pk>/pdf/", views.pk_pdf_view, name="pk-pdf"),
    path("opd/<slug:slug>/triwulan/<int:tahun>/pdf/", views.triwulan_pdf_view,
         name="triwulan-pdf"),
    path("opd/<slug:slug>/triwulan/<int:tahun>/xlsx/", views.triwulan_xlsx_view,
         name="triwulan-xlsx"),
    path("renstra/<int:pk>/pdf/", views.renstra_pdf_view, name="renstra-pdf"),
    path("renstra/<int:pk>/xlsx/", views.renstra_xlsx_view, name="renstra-xlsx"),
    path("logo/", views.logo_view, name="logo"),
    path("reviu/", views_reviu.reviu_index_view, name="reviu-index"),
    path("reviu/pemda/<int:tahun>/", views_reviu.reviu_pemda_view, name="reviu-pemda"),
    path("opd/<slug:slug>/reviu/<int:tahun>/", views_reviu.reviu_view, name="reviu"),
    path("opd/<slug:slug>/reviu/<int:tahun>/akui/", views_reviu.reviu_akui_view,
         name="reviu-akui"),
    path("opd/<slug:slug>/reviu/<int:tahun>/ringkas/", views_reviu.reviu_ringkas_view,
         name="reviu-ringkas"),
]
