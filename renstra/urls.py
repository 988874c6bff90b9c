from django.urls import path

from . import views

app_name = "renstra"

urlpatterns = [
    path("", views.renstra_list_view, name="renstra-list"),
    path("baru/", views.renstra_create_view, name="renstra-create"),
    path("<int:pk>/", views.renstra_detail_view, name="renstra-detail"),
    path("<int:pk>/ubah/", views.renstra_update_view, name="renstra-update"),
    path("<int:pk>/perubahan/", views.renstra_revise_view, name="renstra-revise"),
    path("<int:pk>/tetapkan/", views.renstra_set_berlaku_view, name="renstra-set-berlaku"),
    path("<int:pk>/bandingkan/", views.renstra_diff_view, name="renstra-diff"),
    path("<int:pk>/program/<int:program_pk>/isi/", views.program_isi_view, name="program-isi"),
    path("<int:pk>/matriks/", views.renstra_matriks_view, name="renstra-matriks"),
    path("indikator/<int:pk>/ubah/", views.indikator_update_view, name="indikator-update"),
    path("<str:level>/<int:induk_pk>/indikator/tambah/", views.indikator_create_view,
         name="indikator-create"),
    path("<str:level>/<int:induk_pk>/tambah/", views.node_create_view, name="node-create"),
    path("<str:level>/<int:pk>/ubah-node/", views.node_update_view, name="node-update"),
    path("<str:level>/<int:pk>/hapus/", views.node_delete_view, name="node-delete"),
]
