"""`record()`: the one way code writes to the audit log.

    from masthead.audit.log import record
    record("comments.reject", request=request, target=comment, ids=[...])

`actor` defaults to the request's signed-in user; `target` is any model instance (its type,
id and str() are kept as text, so entries outlive what they name). Extra keyword arguments
are kept as JSON in `data`. A failure to write the entry is raised, never swallowed: an
action whose trace cannot be written should not pass silently.
"""

from masthead.audit.models import AuditEntry


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def record(action: str, *, request=None, actor=None, target=None, **data) -> AuditEntry:
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    entry = AuditEntry(
        action=action,
        actor=actor,
        actor_label=(actor.get_username() if actor is not None else "")[:255],
        ip=_client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:255],
        data=data,
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)[:64]
        entry.target_label = str(target)[:255]
    entry.save()
    return entry
