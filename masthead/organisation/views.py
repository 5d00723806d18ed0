import hashlib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from masthead.audit.log import record

from .forms import OpinionForm
from .models import OpinionSubmission
from .services import opinion_submission_create, over_limit


def _client_key(request) -> str:
    """A per-client key that stores no address: a salted hash of REMOTE_ADDR (behind a
    proxy, configure it to set REMOTE_ADDR to the reader's address)."""
    from django.conf import settings

    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def serve_opinion_form(page, request):
    template = page.get_template(request)
    context = page.get_context(request)
    if request.method == "GET":
        context["form"] = OpinionForm()
        return TemplateResponse(request, template, context)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])

    if over_limit(key=f"opinion:{_client_key(request)}"):
        context["form"] = OpinionForm()
        context["rate_limited"] = True
        return TemplateResponse(request, template, context, status=429)

    form = OpinionForm(request.POST, request.FILES)
    if form.is_spam():
        # Tell a bot nothing: the same thank-you a person sees, and nothing stored.
        context["submitted"] = True
        return TemplateResponse(request, template, context)
    if not form.is_valid():
        context["form"] = form
        return TemplateResponse(request, template, context, status=400)
    data = form.cleaned_data
    opinion_submission_create(
        page=page,
        name=data["name"],
        email=data["email"],
        headline=data["headline"],
        pitch=data["pitch"],
        attachment=data.get("attachment"),
    )
    context["submitted"] = True
    return TemplateResponse(request, template, context)


@login_required(login_url="wagtailadmin_login")
def pitch_attachment(request, pk: int):
    """Staff download of a pitch's attachment (kept outside public media)."""
    if not request.user.has_perm("organisation.view_opinionsubmission"):
        raise PermissionDenied
    submission = get_object_or_404(OpinionSubmission, pk=pk)
    if not submission.attachment:
        raise Http404("This pitch has no attachment.")
    record(
        "organisation.pitch_attachment_download",
        request=request,
        target=submission,
        file=submission.attachment.name.rsplit("/", 1)[-1],
    )
    return FileResponse(
        submission.attachment.open("rb"),
        as_attachment=True,
        filename=submission.attachment.name.rsplit("/", 1)[-1],
    )
