import zipfile

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, gettext_lazy

from . import conf

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED = {".pdf": {PDF_TYPE}, ".docx": {DOCX_TYPE}}


def _magic_matches(upload, extension: str) -> bool:
    """Look inside the file: a PDF starts with %PDF-; a .docx is a zip holding
    word/document.xml. The name and declared type alone are the sender's word."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "word/document.xml" in names and "[Content_Types].xml" in names


def validate_attachment(upload) -> None:
    name = (upload.name or "").lower()
    extension = next((ext for ext in ALLOWED if name.endswith(ext)), None)
    if extension is None:
        raise ValidationError(gettext("Attach a .pdf or .docx file."), code="extension")
    if upload.size > conf.OPINION_MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            gettext("The file is too large: the limit is %(limit)s.")
            % {"limit": filesizeformat(conf.OPINION_MAX_ATTACHMENT_BYTES)},
            code="size",
        )
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if content_type not in ALLOWED[extension]:
        raise ValidationError(
            gettext("The file's type does not match its name. Attach a .pdf or .docx file."),
            code="content_type",
        )
    if not _magic_matches(upload, extension):
        raise ValidationError(gettext("The file is not a real PDF or Word document."), code="magic")


class OpinionForm(forms.Form):
    name = forms.CharField(max_length=120, label=gettext_lazy("Name"))
    email = forms.EmailField(max_length=254, label=gettext_lazy("Email"))
    headline = forms.CharField(
        max_length=200,
        label=gettext_lazy("Headline"),
        help_text=gettext_lazy("The argument in one sentence."),
    )
    pitch = forms.CharField(
        max_length=5000,
        label=gettext_lazy("Pitch"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "What you would argue, why now, and why you (up to 5,000 characters)."
        ),
    )
    attachment = forms.FileField(
        required=False,
        label=gettext_lazy("Attachment"),
        help_text=gettext_lazy("Optional: a draft as .pdf or .docx, up to 10 MB."),
        validators=[validate_attachment],
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,application/pdf," + DOCX_TYPE}
        ),
    )
    # Honeypot: hidden from people, tempting to bots. Anything typed here drops the pitch.
    website = forms.CharField(required=False, label=gettext_lazy("Leave this field empty"))

    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())
