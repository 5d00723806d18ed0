"""The News Feed's admin screen: one short form, newest items first.

Items go through the stories' review (roles.py puts them under the same workflow): a
reporter writes and submits drafts and edits only their own items; an editor publishes, in
one step from the form (Publish is the form's main button for them), or approves a
submission. Publishing, approving, rejecting and unpublishing are written to the audit log.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import PublishMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.audit.log import record

from .models import NewsFeedItem


class ArticleChooser(AdminPageChooser):
    """Wagtail's page chooser re-renders a posted non-numeric id by looking it up, which
    fails with a 500; show such a value as empty so the form's error message is what the
    editor sees instead."""

    def __init__(self, **kwargs):
        super().__init__(target_models=["news.ArticlePage"], **kwargs)

    def get_value_data(self, value):
        if isinstance(value, str) and not value.strip().isdigit():
            value = None
        return super().get_value_data(value)


class NewsFeedItemPermissionPolicy(ModelPermissionPolicy):
    """Those who may publish change any item; everyone else only the items they wrote."""

    OWN_ONLY = {"change", "delete", "lock", "unlock"}

    def _may_change_all(self, user) -> bool:
        return self.user_has_permission(user, "publish")

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in self.OWN_ONLY and not self._may_change_all(user):
            return instance.owner_id is not None and instance.owner_id == user.pk
        return True

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= self.OWN_ONLY and not self._may_change_all(user):
            instances = instances.filter(owner_id=user.pk)
        return instances


register_permission_policy(NewsFeedItem, NewsFeedItemPermissionPolicy(NewsFeedItem))


def _audit_publish(view, action: str) -> None:
    record(f"news_feed.{action}", request=view.request, target=view.object)


class CreateView(snippet_views.CreateView):
    def save_instance(self):
        self.form.instance.owner = self.request.user
        return super().save_instance()

    def publish_action(self):
        response = super().publish_action()
        _audit_publish(self, "publish")
        return response


class EditView(snippet_views.EditView):
    def get_object(self, queryset=None):
        item = super().get_object(queryset)
        # The model permission ("change") is checked by Wagtail; whose item it is, here.
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", item
        ):
            raise PermissionDenied
        return item

    def publish_action(self):
        response = super().publish_action()
        _audit_publish(self, "publish")
        return response

    def workflow_action_action(self):
        response = super().workflow_action_action()
        _audit_workflow(self.request, self.object, self.workflow_action)
        return response


class WorkflowActionView(snippet_views.WorkflowActionView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        _audit_workflow(request, self.object, self.action_name)
        return response


class UnpublishView(snippet_views.UnpublishView):
    def unpublish(self):
        response = super().unpublish()
        record("news_feed.unpublish", request=self.request, target=self.object)
        return response


def _audit_workflow(request, item, action_name: str) -> None:
    if action_name in ("approve", "reject"):
        item.refresh_from_db()
        record(f"news_feed.{action_name}", request=request, target=item, live=item.live)


class NewsFeedItemViewSet(SnippetViewSet):
    model = NewsFeedItem
    icon = "time"
    menu_label = "News Feed"
    menu_name = "news-feed"
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["headline", "published_at", "article", "live", "owner"]
    list_per_page = 50
    search_fields = ["headline", "summary"]
    ordering = ["-published_at", "-pk"]
    add_view_class = CreateView
    edit_view_class = EditView
    workflow_action_view_class = WorkflowActionView
    unpublish_view_class = UnpublishView
    # Ids through the bounded converter (core/ids.py), as every route of ours: a 25-digit id
    # must be a 404, not an overflow in the database.
    pk_path_converter = "id"
    panels = [
        FieldPanel("headline"),
        FieldPanel("summary"),
        FieldPanel("article", widget=ArticleChooser()),
        FieldPanel("tags"),
        FieldPanel("published_at"),
    ]

    def get_urlpatterns(self):
        # Wagtail writes the workflow routes' task-state id as <int:>; ours are bounded.
        patterns = []
        for pattern in super().get_urlpatterns():
            route = str(pattern.pattern)
            if "<int:" in route:
                pattern = path(
                    route.replace("<int:", "<id:"),
                    pattern.callback,
                    pattern.default_args,
                    name=pattern.name,
                )
            patterns.append(pattern)
        return patterns


register_snippet(NewsFeedItemViewSet)


@hooks.register("construct_snippet_action_menu")
def publish_first_for_editors(menu_items, request, context):
    """Breaking news: for those who may publish, Publish is the form's main button (one
    click), not an entry under Save draft."""
    if context.get("model") is not NewsFeedItem:
        return
    publish = [item for item in menu_items if isinstance(item, PublishMenuItem)]
    if publish:
        menu_items.remove(publish[0])
        menu_items.insert(0, publish[0])
