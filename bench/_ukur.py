"""Shared by the page benchmarks: the skeleton of a synthetic office and the timed GET.

Django is imported inside the functions: the scripts call `django.setup()` first.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


def pengguna(slug: str):
    """The bench user of `slug` and its office, None when the office is not built yet."""
    from django.contrib.auth import get_user_model

    from sakip.models import Opd

    user, _ = get_user_model().objects.get_or_create(username=f"bench-{slug}")
    return user, Opd.objects.filter(slug=slug).first()


def kantor_baru(user, slug: str):
    """A new office with `user` as perencana, its Renstra 2019–2025 in force and one tujuan:
    (opd, renstra, tujuan)."""
    from renstra.models import Renstra, Tujuan
    from sakip.models import Keanggotaan, Opd, Pemda, Peran

    pemda, _ = Pemda.objects.get_or_create(slug="bench", defaults={"nama": "Kabupaten Bench",
                                                                    "ibukota": "Bench"})
    opd = Opd.objects.create(pemda=pemda, nama=f"Dinas {slug}", slug=slug)
    Keanggotaan.objects.create(user=user, opd=opd, peran=Peran.PERENCANA)
    renstra = Renstra.objects.create(opd=opd, tahun_awal=2019, tahun_akhir=2025,
                                     tahun_kondisi_awal=2018, status=Renstra.Status.BERLAKU)
    tujuan = Tujuan.objects.create(renstra=renstra, nama="Tujuan", urutan=1)
    return opd, renstra, tujuan


@dataclass
class Ukuran:
    dinding: list[float]
    cpu: list[float]
    kueri: int
    ukuran: int


def ukur(user, opd, tahun: int, url: str, ulang: int, *, pemanasan: bool = False,
         **header: str) -> Ukuran:
    """Server time of GET `url` (middleware, view, selectors, template) as `user` on `opd`
    and `tahun`, `ulang` times: wall clock and the process's CPU time (which other load on
    the machine hardly disturbs); then the queries and the bytes of one more request.
    `pemanasan` first sends one untimed request (template compilation, first connection)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sakip.middleware import SESSION_OPD, SESSION_TAHUN

    c = Client()
    c.force_login(user)
    s = c.session
    s[SESSION_OPD], s[SESSION_TAHUN] = opd.pk, tahun
    s.save()
    if pemanasan:
        c.get(url, **header)
    dinding, cpu = [], []
    for _ in range(ulang):
        m, mc = time.perf_counter(), time.process_time()
        r = c.get(url, **header)
        dinding.append(time.perf_counter() - m)
        cpu.append(time.process_time() - mc)
        assert r.status_code == 200, r.status_code
    with CaptureQueriesContext(connection) as q:
        r = c.get(url, **header)
    return Ukuran(dinding, cpu, len(q), len(r.content))
