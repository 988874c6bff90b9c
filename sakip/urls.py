from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from laporan.beranda import beranda_view
from laporan.views import verifikasi_view

from . import views, views_notifikasi, views_riwayat

admin.site.site_header = "Administrasi SAKIP"
admin.site.site_title = "SAKIP"
admin.site.index_title = "Pengaturan pemda, perangkat daerah dan pengguna"

urlpatterns = [
    path("", beranda_view, name="beranda"),
    path("konteks/", views.konteks_set, name="konteks-set"),
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    # Public: anyone holding a signed LKjIP or PK checks it here (the QR code links to it).
    path("verifikasi/", verifikasi_view, name="verifikasi"),
    path("riwayat/", views_riwayat.riwayat_opd_view, name="riwayat-opd"),
    path("riwayat/<str:jenis>/<int:pk>/", views_riwayat.riwayat_objek_view,
         name="riwayat-objek"),
    path("notifikasi/", views_notifikasi.notifikasi_list_view, name="notifikasi-list"),
    path("notifikasi/jumlah/", views_notifikasi.notifikasi_jumlah_view,
         name="notifikasi-jumlah"),
    path("notifikasi/<int:pk>/baca/", views_notifikasi.notifikasi_baca_view,
         name="notifikasi-baca"),
    path("notifikasi/baca-semua/", views_notifikasi.notifikasi_baca_semua_view,
         name="notifikasi-baca-semua"),
    path("admin/", admin.site.urls),
    path("renstra/", include("renstra.urls")),
    path("kinerja/", include("kinerja.urls")),
    path("anggaran/", include("anggaran.urls")),
    path("laporan/", include("laporan.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
