from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

admin.site.site_header = "Administrasi SAKIP"
admin.site.site_title = "SAKIP"
admin.site.index_title = "Pengaturan pemda, perangkat daerah dan pengguna"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("konteks/", views.konteks_set, name="konteks-set"),
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("renstra/", include("renstra.urls")),
    path("kinerja/", include("kinerja.urls")),
    path("anggaran/", include("anggaran.urls")),
    path("laporan/", include("laporan.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
