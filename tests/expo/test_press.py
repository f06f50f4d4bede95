"""Press accreditation: the state machine with its e-mails, card scans, the press kit."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casa.accounts import personal_data
from casa.accounts.models import User
from casa.core.config import Settings
from casa.core.db import Database
from casa.expo import editions, press, privacy_press, registration
from casa.expo.delegation_errors import (
    AccreditationExists,
    AccreditationRevoked,
    CardMissing,
    CardTooLarge,
    CardWrongType,
    NotApprovedAccreditation,
    NotPendingAccreditation,
    ReasonRequired,
)
from casa.expo.mail import ConsoleMailer
from casa.expo.schemas import RegistrationIn
from tests.expo.factories import NOW, YEAR, make_edition
from tests.expo.factories_delegations import GIF, PDF, PNG
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration


def _request(session, settings, user_id, mailer, card=PNG):  # type: ignore[no-untyped-def]
    edition = editions.get_edition(session=session, year=YEAR)
    return press.request(
        session=session,
        settings=settings,
        edition=edition,
        user=session.get(User, user_id),
        outlet="Le Matin",
        press_card="MA-2026-0042",
        card=card,
        consent=True,
        now=NOW,
        mailer=mailer,
    )


def _bodies(mailer: ConsoleMailer) -> list[tuple[str, str, str]]:
    return [(m["To"], m["Subject"], m.get_content()) for m in mailer.outbox]


def test_accreditation_walks_pending_approved_revoked_with_an_email_each(
    db: Database, settings: Settings
) -> None:
    make_edition(db, sessions=0)
    uid = make_user(db, email="jo@casa.ma", roles=("journalist",), name="Jo", language="en")
    mailer = ConsoleMailer()
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = _request(session, settings, uid, mailer)
        reg = registration.of_user(session=session, edition=edition, user_id=uid)
        assert reg is not None
        pending = (row.status, reg.status, reg.ticket)
        with pytest.raises(AccreditationExists):
            _request(session, settings, uid, mailer)
        with pytest.raises(NotApprovedAccreditation):
            press.revoke(session=session, edition=edition, ident=row.id, reason="x", now=NOW)
        press.approve(session=session, edition=edition, ident=row.id, now=NOW, mailer=mailer)
        approved = (row.status, reg.status, reg.ticket is not None, reg.revoked_at)
        ticket = reg.ticket
        with pytest.raises(NotPendingAccreditation):
            press.approve(session=session, edition=edition, ident=row.id, now=NOW)
        with pytest.raises(ReasonRequired):
            press.revoke(session=session, edition=edition, ident=row.id, reason="  ", now=NOW)
        press.revoke(
            session=session,
            edition=edition,
            ident=row.id,
            reason="Press card expired",
            now=NOW,
            mailer=mailer,
        )
        revoked = (row.status, row.reason, reg.status, reg.revoked_at == NOW)
        with pytest.raises(AccreditationRevoked):
            _request(session, settings, uid, mailer)

    subject = f"Press accreditation – Smart City Expo Casablanca {YEAR}"
    assert (pending, approved, revoked) == (
        ("pending", "pending", None),
        ("approved", "confirmed", True, None),
        ("revoked", "Press card expired", "cancelled", True),
    )
    assert _bodies(mailer) == [
        (
            "jo@casa.ma",
            subject,
            "Jo,\n\nWe received your press accreditation request; the press office will "
            "review it.\n",
        ),
        (
            "jo@casa.ma",
            subject,
            "Jo,\n\nYour press accreditation is approved: your press badge is ready.\n\n"
            f"Ticket: {ticket}\n",
        ),
        (
            "jo@casa.ma",
            subject,
            "Jo,\n\nYour press accreditation is revoked.\n\nReason: Press card expired\n",
        ),
    ]


def test_a_refused_journalist_reads_why_in_french_and_may_ask_again(
    db: Database, settings: Settings
) -> None:
    make_edition(db, sessions=0)
    uid = make_user(db, email="jo@casa.ma", roles=("journalist",), name="Jo", language="fr")
    mailer = ConsoleMailer()
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = _request(session, settings, uid, mailer)
        first_file = row.card_file
        press.refuse(
            session=session,
            edition=edition,
            ident=row.id,
            reason="Scan illisible",
            now=NOW,
            mailer=mailer,
        )
        reg = registration.of_user(session=session, edition=edition, user_id=uid)
        assert reg is not None
        refused = (row.status, row.reason, reg.status)
        again = _request(session, settings, uid, mailer, card=PDF)
        after = (again.id == row.id, again.status, again.reason, reg.status, again.card_type)
        files = sorted(p.name for p in press.card_dir(settings).iterdir())

    assert (refused, after) == (
        ("refused", "Scan illisible", "cancelled"),
        (True, "pending", None, "pending", "application/pdf"),
    )
    assert files == [again.card_file] != [first_file]
    assert _bodies(mailer)[1][2] == (
        "Jo,\n\nVotre demande d'accréditation presse est refusée.\n\nMotif: Scan illisible\n"
    )


@pytest.mark.parametrize(
    ("card", "error", "detail"),
    [
        (b"", CardMissing, "Attach a scan of your press card (JPEG, PNG or PDF)"),
        (GIF, CardWrongType, "The press card scan must be a JPEG, PNG or PDF file"),
        (
            b"\xff\xd8\xff" + b"\x00" * press.CARD_LIMIT,
            CardTooLarge,
            "The press card scan must weigh at most 5 MB: send a smaller file",
        ),
    ],
)
def test_card_scan_is_refused_when_empty_of_another_type_or_too_large(
    card: bytes, error: type[Exception], detail: str
) -> None:
    with pytest.raises(error) as raised:
        press.sniff_card(card)

    assert (raised.value.field, raised.value.describe("en")) == ("card", detail)  # type: ignore[attr-defined]


def test_card_scan_is_recognised_by_its_bytes() -> None:
    found = [press.sniff_card(data) for data in (b"\xff\xd8\xff\xe0xx", PNG, PDF)]

    assert found == [("image/jpeg", ".jpg"), ("image/png", ".png"), ("application/pdf", ".pdf")]


def test_api_upload_review_and_press_kit_permissions(
    client: TestClient, db: Database, settings: Settings
) -> None:
    make_edition(db, sessions=0)
    make_user(db, email="jo@casa.ma", roles=("journalist",), name="Jo")
    make_user(db, email="org@casa.ma", roles=("organizer",))
    make_user(db, email="cit@casa.ma")
    jo, org, cit = (bearer(client, e) for e in ("jo@casa.ma", "org@casa.ma", "cit@casa.ma"))
    base = f"/api/v1/expo/editions/{YEAR}"
    form = {"outlet": "Le Matin", "press_card": "MA-1", "consent": "true"}
    wrong = client.post(
        f"{base}/accreditations",
        data=form,
        files={"card": ("card.png", GIF, "image/png")},
        headers={**jo, "Accept-Language": "fr"},
    )
    by_citizen = client.post(
        f"{base}/accreditations", data=form, files={"card": ("c.png", PNG)}, headers=cit
    )
    kit_before = client.get(f"{base}/press-kit", headers=jo)
    made = client.post(
        f"{base}/accreditations", data=form, files={"card": ("c.png", PNG)}, headers=jo
    )
    ident = made.json()["id"]
    scan_by_jo = client.get(f"{base}/accreditations/{ident}/card", headers=jo)
    scan = client.get(f"{base}/accreditations/{ident}/card", headers=org)
    pending = client.get(f"{base}/accreditations?status=pending", headers=org).json()
    refuse_empty = client.post(
        f"{base}/accreditations/{ident}/refuse", json={"reason": ""}, headers=org
    )
    client.post(f"{base}/accreditations/{ident}/approve", headers=org)
    client.put(
        f"{base}/press-kit",
        json={
            "release": "Communiqué",
            "contact_name": "Bureau de presse",
            "contact_email": "presse@casa.ma",
            "contact_phone": "+212 522 00 00 00",
        },
        headers=org,
    )
    mine = client.get(f"{base}/accreditations/mine", headers=jo).json()
    kit = client.get(f"{base}/press-kit", headers=jo).json()

    assert (wrong.status_code, wrong.headers["content-type"], wrong.json()["field"]) == (
        422,
        "application/problem+json",
        "card",
    )
    assert wrong.json()["detail"] == (
        "Le scan de la carte de presse doit être un fichier JPEG, PNG ou PDF"
    )
    assert (by_citizen.status_code, kit_before.status_code, made.status_code) == (403, 403, 201)
    assert (
        scan_by_jo.status_code,
        scan.status_code,
        scan.content,
        scan.headers["content-type"],
    ) == (
        403,
        200,
        PNG,
        "image/png",
    )
    assert [(a["name"], a["outlet"], a["card"], a["status"]) for a in pending] == [
        ("Jo", "Le Matin", True, "pending")
    ]
    assert (refuse_empty.status_code, refuse_empty.json()["field"]) == (422, "reason")
    assert (mine["status"], mine["registration_status"]) == ("approved", "confirmed")
    assert {k: kit[k] for k in ("release", "contact_email", "links")} == {
        "release": "Communiqué",
        "contact_email": "presse@casa.ma",
        "links": {
            "figures_csv": "/api/v1/expo/kpis.csv",
            "figures": f"{base}/kpis",
            "programme_xml": f"{base}/schedule.xml",
            "programme_json": f"{base}/schedule.json",
            "programme_ics": f"{base}/schedule.ics",
        },
    }
    assert [s["name"] for s in kit["speakers"]] == ["Amina", "Omar", "Salma"]


def test_personal_data_export_erase_and_card_purge(db: Database, settings: Settings) -> None:
    from datetime import timedelta

    make_edition(db, sessions=0)
    uid = make_user(db, email="jo@casa.ma", roles=("journalist",), name="Jo")
    other = make_user(db, email="al@casa.ma", roles=("journalist",), name="Al")
    with db.session() as session:
        row = _request(session, settings, uid, None)
        kept = _request(session, settings, other, None)
        exported = personal_data.export_all(session, uid)["expo_press"]
        privacy_press.erase_user(session, uid, settings)
        erased = (row.press_card, row.outlet, row.card_file, row.user_id, row.status)
        edition = editions.get_edition(session=session, year=YEAR)
        early = privacy_press.purge(session=session, settings=settings, now=NOW)
        late_now = NOW + timedelta(days=215)  # the edition ended 20 April, 6 months ago
        late = privacy_press.purge(session=session, settings=settings, now=late_now)
        files = list(press.card_dir(settings).iterdir())

    assert exported == {
        "delegations": [],
        "accreditations": [
            {
                "edition_id": edition.id,
                "outlet": "Le Matin",
                "press_card": "MA-2026-0042",
                "card_scan": {"type": "image/png", "bytes": len(PNG)},
                "status": "pending",
                "reason": None,
                "created_at": NOW.isoformat(),
            }
        ],
        "interviews": [],
        "speaker_of": [],
    }
    assert erased == (None, "—", None, None, "pending")
    assert (early, late, kept.card_file, files) == (
        {"card_scans": 0, "stays": 0},
        {"card_scans": 1, "stays": 0},
        None,
        [],
    )


def test_card_files_live_under_the_var_folder(settings: Settings) -> None:
    assert press.card_dir(settings) == Path(settings.var_dir) / "expo" / "press-cards"


def test_registration_approval_goes_through_the_accreditation(
    client: TestClient, db: Database, settings: Settings
) -> None:
    make_edition(db, sessions=0)
    jo = make_user(db, email="jo@casa.ma", roles=("journalist",), name="Jo")
    make_user(db, email="org@casa.ma", roles=("organizer",))
    mailer = ConsoleMailer()
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        bare = registration.register(
            session=session,
            edition=edition,
            data=RegistrationIn(category="journalist", name="Sam", email="sam@x.ma", consent=True),
            now=NOW,
        ).id
        asked = _request(session, settings, jo, mailer).registration_id
    org = {**bearer(client, "org@casa.ma"), "Accept-Language": "fr"}
    base = f"/api/v1/expo/editions/{YEAR}/registrations"

    refused = client.post(f"{base}/{bare}/approve", headers=org)
    approved = client.post(f"{base}/{asked}/approve", headers=org)
    mine = client.get(
        f"/api/v1/expo/editions/{YEAR}/accreditations/mine", headers=bearer(client, "jo@casa.ma")
    )

    assert (refused.status_code, refused.json()["title"], refused.json()["detail"]) == (
        409,
        "Aucune demande d'accréditation",
        "Ce journaliste n'a pas encore demandé d'accréditation : il envoie son média et sa "
        "carte de presse, puis l'accréditation est approuvée",
    )
    assert (approved.status_code, approved.json()["status"]) == (200, "confirmed")
    assert (mine.json()["status"], mine.json()["registration_status"]) == (
        "approved",
        "confirmed",
    )
