from django.urls import path

from . import views

app_name = "anggaran"

# Pages follow the office and year chosen in the top bar; writes name their object.
urlpatterns = [
    path("", views.ringkasan_view, name="ringkasan"),
    path("pagu/", views.pagu_view, name="pagu"),
    path("realisasi/", views.realisasi_view, name="realisasi"),
    path("alokasi/", views.alokasi_view, name="alokasi"),
    path("efisiensi/", views.efisiensi_view, name="efisiensi"),
    path("buat/", views.anggaran_create_view, name="anggaran-create"),
    path("<int:pk>/ubah/", views.anggaran_update_view, name="anggaran-update"),
    path("<int:pk>/kendali/", views.kendali_set_view, name="kendali-set"),
    path("<int:pk>/baris/tambah/", views.baris_create_view, name="baris-create"),
    path("<int:pk>/pos/tambah/", views.pos_create_view, name="pos-create"),
    path("<int:pk>/pemetaan/tambah/", views.pemetaan_create_view, name="pemetaan-create"),
    path("<int:pk>/program/<int:program>/perlakuan/", views.perlakuan_set_view,
         name="perlakuan-set"),
    path("baris/<int:pk>/", views.baris_update_view, name="baris-update"),
    path("baris/<int:pk>/hapus/", views.baris_delete_view, name="baris-delete"),
    path("baris/<int:pk>/realisasi/<str:periode>/", views.realisasi_baris_view,
         name="realisasi-baris"),
    path("pos/<int:pk>/", views.pos_update_view, name="pos-update"),
    path("pos/<int:pk>/hapus/", views.pos_delete_view, name="pos-delete"),
    path("pos/<int:pk>/realisasi/<str:periode>/", views.realisasi_pos_view,
         name="realisasi-pos"),
    path("pemetaan/<int:pk>/hapus/", views.pemetaan_delete_view, name="pemetaan-delete"),
]
