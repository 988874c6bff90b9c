from django.urls import path

from . import views

app_name = "kinerja"

urlpatterns = [
    path("pk/", views.pk_list_view, name="pk-list"),
    path("pk/baru/", views.pk_create_view, name="pk-create"),
    path("pk/<int:pk>/", views.pk_detail_view, name="pk-detail"),
    path("pk/<int:pk>/ubah/", views.pk_update_view, name="pk-update"),
    path("pk/<int:pk>/target/", views.pk_target_view, name="pk-target"),
    path("pk/<int:pk>/target/tambah/", views.pk_baris_add_view, name="pk-baris-add"),
    path("pk/baris/<int:pk>/hapus/", views.pk_baris_delete_view, name="pk-baris-delete"),
    path("pk/<int:pk>/program/", views.pk_program_view, name="pk-program"),
    path("pk/<int:pk>/ajukan/", views.pk_submit_view, name="pk-submit"),
    path("pk/<int:pk>/setujui/", views.pk_approve_view, name="pk-approve"),
    path("pk/<int:pk>/kembalikan/", views.pk_return_view, name="pk-return"),
    path("pk/<int:pk>/perubahan/", views.pk_revise_view, name="pk-revise"),
    path("realisasi/", views.realisasi_grid_view, name="realisasi-grid"),
    path("realisasi/<int:indikator>/<int:tahun>/<int:triwulan>/", views.realisasi_update_view,
         name="realisasi-update"),
    path("realisasi/bukti/<int:pk>/", views.realisasi_bukti_view, name="realisasi-bukti"),
    # The indicator is a query parameter (?indikator=): long tables build the link from one
    # reversed URL instead of reversing it per row.
    path("analisis/<int:tahun>/", views.analisis_view, name="analisis"),
    path("capaian/", views.capaian_view, name="capaian"),
    path("capaian/perbandingan/", views.capaian_banding_view, name="capaian-banding"),
]
