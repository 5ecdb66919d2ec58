"""Attachments: JPEG/PNG/PDF only (checked on the bytes), 5 Mo, 3 per ticket, bound at creation."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from helpdesk.tickets import AttachmentRejected
from helpdesk.tickets.attachments import MAX_ATTACHMENT_BYTES, clean_filename

from .support import DEMO_UAI, T0, new_ticket

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"0" * 100
GIF = b"GIF89a" + b"\x00" * 100
EXE = b"MZ\x90\x00" + b"\x00" * 100


def test_accepted_types(store):
    infos = [
        store.stage_attachment("conv-1", "photo.jpg", "image/jpeg", JPEG),
        store.stage_attachment("conv-1", "capture.png", "image/png", PNG),
        store.stage_attachment("conv-1", "devis.pdf", "application/pdf; name=devis.pdf", PDF),
    ]
    assert [(i.filename, i.content_type, i.size) for i in infos] == [
        ("photo.jpg", "image/jpeg", len(JPEG)), ("capture.png", "image/png", len(PNG)),
        ("devis.pdf", "application/pdf", len(PDF))]
    assert store.staged_attachments("conv-1") == infos


def test_untyped_upload_is_recognised_by_its_bytes(store):
    info = store.stage_attachment("conv-1", "scan", "application/octet-stream", PDF)
    assert info.content_type == "application/pdf"


@pytest.mark.parametrize("filename, content_type, data, fragment", [
    ("anim.gif", "image/gif", GIF, "seules les images JPEG ou PNG et les documents PDF"),
    ("photo.jpg", "image/jpeg", EXE, "ne correspond pas"),
    ("photo.jpg", "image/jpeg", PNG, "ne correspond pas"),
    ("vide.png", "image/png", b"", "est vide"),
    ("setup.exe", "application/octet-stream", EXE, "seules les images JPEG ou PNG"),
    ("enorme.jpg", "image/jpeg", JPEG + b"\x00" * MAX_ATTACHMENT_BYTES,
     "taille maximale d'une pièce jointe est de 5 Mo"),
], ids=["gif", "exe-as-jpeg", "png-as-jpeg", "empty", "exe", "too-big"])  # short ids: the bytes would make a 20 MB id
def test_refused_files_get_a_french_reason_and_are_not_kept(store, filename, content_type, data, fragment):
    with pytest.raises(AttachmentRejected) as caught:
        store.stage_attachment("conv-1", filename, content_type, data)
    assert fragment in caught.value.message
    assert store.staged_attachments("conv-1") == []


def test_exactly_five_megabytes_is_accepted(store):
    data = JPEG + b"\x00" * (MAX_ATTACHMENT_BYTES - len(JPEG))
    assert store.stage_attachment("conv-1", "max.jpg", "image/jpeg", data).size == 5 * 1024 * 1024


def test_at_most_three_files_per_ticket(store):
    for index in range(3):
        store.stage_attachment("conv-1", f"p{index}.png", "image/png", PNG)
    with pytest.raises(AttachmentRejected) as caught:
        store.stage_attachment("conv-1", "p4.png", "image/png", PNG)
    assert "maximum" in caught.value.message
    store.stage_attachment("conv-2", "other.png", "image/png", PNG)  # another conversation is not affected


def test_hostile_file_names_are_cleaned():
    assert clean_filename("../../etc/pass\x1bwd\u202e.png", "image/png") == "passwd.png"
    assert clean_filename("C:\\Users\\x\\photo.JPG", "image/jpeg") == "photo.JPG"
    assert clean_filename("", "application/pdf") == "piece-jointe.pdf"
    long_name = clean_filename("a" * 500 + ".jpeg", "image/jpeg")
    assert len(long_name) == 120 and long_name.endswith(".jpeg")


def test_creation_binds_the_conversation_staged_files(store, db_engine):
    store.stage_attachment("conv-1", "photo.jpg", "image/jpeg", JPEG)
    store.stage_attachment("conv-1", "capture.png", "image/png", PNG)
    store.stage_attachment("conv-other", "autre.pdf", "application/pdf", PDF)

    ticket = new_ticket(store, conversation_id="conv-1")
    assert [a.filename for a in ticket.attachments] == ["photo.jpg", "capture.png"]
    assert store.get_ticket(ticket.number, DEMO_UAI).attachments == ticket.attachments
    assert store.staged_attachments("conv-1") == []
    assert [a.filename for a in store.staged_attachments("conv-other")] == ["autre.pdf"]
    info, data = store.attachment_content(ticket.number, ticket.attachments[0].id)
    assert data == JPEG and info.filename == "photo.jpg"
    with db_engine.connect() as connection:
        body = connection.execute(text("SELECT body FROM outbox")).scalar_one()
    assert "Pièces jointes (2) : photo.jpg, capture.png" in body


def test_staged_files_can_be_discarded_and_stale_ones_purged(store):
    store.stage_attachment("conv-1", "old.png", "image/png", PNG, now=T0 - timedelta(days=2))
    store.stage_attachment("conv-2", "new.png", "image/png", PNG, now=T0)
    assert store.purge_stale_attachments(timedelta(days=1)) == 1
    assert store.staged_attachments("conv-1") == []
    assert store.discard_staged("conv-2") == 1
    assert store.staged_attachments("conv-2") == []
