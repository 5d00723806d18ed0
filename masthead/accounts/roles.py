"""The newsroom's staff roles and review workflow, created after every migrate (idempotent)."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

REPORTER, EDITOR, ADMINISTRATOR = "Reporter", "Editor", "Administrator"
WORKFLOW_NAME = "Newsroom review"

# Page permissions on the tree root. "add" lets a reporter create pages and edit their own;
# "change" edits anyone's; only "publish" puts a page live.
PAGE_PERMISSIONS = {
    REPORTER: ["add_page"],
    EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    ADMINISTRATOR: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}
COLLECTION_PERMISSIONS = {
    REPORTER: ["add_image", "choose_image", "add_document", "choose_document"],
    EDITOR: [
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],
    ADMINISTRATOR: [
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],
}
# News Feed items follow the stories' review: a reporter adds items and edits their own
# (the snippet's permission policy, news/wagtail_hooks.py) and submits them; "publish" is
# the editors'. Wagtail makes the publish/lock/unlock permissions of snippets itself after
# migrate, maybe after us: _permission makes them if they are not there yet.
EXTRA_SNIPPET_PERMISSIONS = {"publish", "lock", "unlock"}
# Snippet models under the same workflow as the page tree.
WORKFLOW_SNIPPETS = ["news.NewsFeedItem"]
MODEL_PERMISSIONS = {
    REPORTER: [
        "wagtailadmin.access_admin",
        "people.view_author",
        "news.add_newsfeeditem",
        "news.change_newsfeeditem",
        "datadesk.view_dataset",
        "planning.view_assignment",
        "factchecks.view_verdict",
        "simple_translation.submit_translation",
    ],
    EDITOR: [
        "wagtailadmin.access_admin",
        "people.view_author",
        "people.add_author",
        "people.change_author",
        "core.change_sitesettings",
        "core.change_navigationsettings",
        "comments.moderate_comment",
        "comments.add_sectionmoderation",
        "comments.change_sectionmoderation",
        "comments.delete_sectionmoderation",
        "comments.view_sectionmoderation",
        "comments.change_commentsettings",
        "news.add_newsfeeditem",
        "news.change_newsfeeditem",
        "news.delete_newsfeeditem",
        "news.publish_newsfeeditem",
        "news.lock_newsfeeditem",
        "news.unlock_newsfeeditem",
        "news.change_headerpromotions",
        "datadesk.add_dataset",
        "datadesk.change_dataset",
        "datadesk.view_dataset",
        "planning.view_assignment",
        "planning.add_assignment",
        "planning.change_assignment",
        "planning.delete_assignment",
        "factchecks.view_verdict",
        "simple_translation.submit_translation",
    ],
    ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "people.view_author",
        "people.add_author",
        "people.change_author",
        "people.delete_author",
        "core.change_sitesettings",
        "core.change_navigationsettings",
        "comments.moderate_comment",
        "comments.add_sectionmoderation",
        "comments.change_sectionmoderation",
        "comments.delete_sectionmoderation",
        "comments.view_sectionmoderation",
        "comments.change_commentsettings",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.delete_user",
        "auth.add_group",
        "auth.change_group",
        "news.add_newsfeeditem",
        "news.change_newsfeeditem",
        "news.delete_newsfeeditem",
        "news.publish_newsfeeditem",
        "news.lock_newsfeeditem",
        "news.unlock_newsfeeditem",
        "news.change_headerpromotions",
        "datadesk.add_dataset",
        "datadesk.change_dataset",
        "datadesk.delete_dataset",
        "datadesk.view_dataset",
        "planning.view_assignment",
        "planning.add_assignment",
        "planning.change_assignment",
        "planning.delete_assignment",
        "factchecks.add_verdict",
        "factchecks.change_verdict",
        "factchecks.delete_verdict",
        "factchecks.view_verdict",
        "simple_translation.submit_translation",
    ],
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    action, _, model_name = codename.partition("_")
    if action in EXTRA_SNIPPET_PERMISSIONS:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {action} {content_type.model_class()._meta.verbose_name_raw}"},
        )
        return permission
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _collection_permission(codename: str) -> Permission:
    app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_newsroom_roles() -> dict[str, Group]:
    """Create or complete the Reporter, Editor and Administrator groups and the review
    workflow (reporter submits, an editor approves) on the whole page tree and on News Feed
    items."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name in (REPORTER, EDITOR, ADMINISTRATOR):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*(_permission(p) for p in MODEL_PERMISSIONS[name]))
        if root_page:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
        if root_collection:
            for codename in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_collection_permission(codename),
                )
    if root_page:
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
        task = GroupApprovalTask.objects.filter(name="Editor approval").first()
        if task is None:
            task = GroupApprovalTask.objects.create(name="Editor approval")
        task.groups.add(groups[EDITOR])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
        for label in WORKFLOW_SNIPPETS:
            content_type = ContentType.objects.get_for_model(apps.get_model(label))
            WorkflowContentType.objects.update_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
    return groups
