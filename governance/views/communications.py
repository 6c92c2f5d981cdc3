"""Communications plan, news (with the feed) and stakeholder events."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from governance import forms
from governance.models import (
    CommunicationItem,
    NewsItem,
    StakeholderEvent,
)
from governance.views.base import Column, GovernanceFormView, GovernanceListView
from portal import permissions
from portal.views_base import ListControlsMixin, VisibleQuerysetMixin

# --- Communications -------------------------------------------------------------------------


class CommunicationListView(GovernanceListView):
    model = CommunicationItem
    title = gettext_lazy("Communications plan")
    search_fields = ("target_group", "message", "owner")
    sort_fields = {"date": "planned_date", "channel": "channel"}
    default_sort = "date"
    create_url_name = "governance:communication-create"
    related = ("measure",)
    columns = [
        Column(gettext_lazy("Planned date"), lambda o: o.planned_date, "date"),
        Column(
            gettext_lazy("Target group"),
            lambda o: o.target_group,
            "",
            lambda o: reverse("governance:communication-edit", args=[o.pk]),
        ),
        Column(gettext_lazy("Channel"), lambda o: o.get_channel_display(), "channel"),
        Column(gettext_lazy("Message"), lambda o: o.message),
        Column(gettext_lazy("Owner"), lambda o: o.owner),
        Column(gettext_lazy("Done"), lambda o: _("yes") if o.done else _("no")),
    ]


class CommunicationFormView(GovernanceFormView):
    model = CommunicationItem
    form_class = forms.CommunicationItemForm
    title = gettext_lazy("New communications plan item")

    def success_url(self, obj):
        return reverse("governance:communication-list")


class NewsListView(VisibleQuerysetMixin, ListControlsMixin, View):
    """Public: published news (editors also see drafts)."""

    model = NewsItem
    paginate_by = 20

    def get(self, request):
        page = self.paginate(self.get_queryset())
        return render(
            request,
            "governance/news_list.html",
            {"page": page, "can_edit": permissions.can_create(request.user, NewsItem)},
        )


class NewsDetailView(VisibleQuerysetMixin, View):
    model = NewsItem

    def get(self, request, slug):
        item = get_object_or_404(self.get_queryset(), slug=slug)
        return render(
            request,
            "governance/news_detail.html",
            {"item": item, "can_edit": permissions.can_edit(request.user, item)},
        )


class NewsFormView(GovernanceFormView):
    model = NewsItem
    form_class = forms.NewsItemForm
    title = gettext_lazy("New news item")

    def success_url(self, obj):
        return reverse("governance:news-detail", args=[obj.slug])


class NewsFeed(Feed):
    """Atom feed of the published news (public)."""

    feed_type = Atom1Feed
    link = reverse_lazy("governance:news-list")

    def title(self):
        return _("Pohjois-Savo sote preparation: news")

    def subtitle(self):
        return _("News of the social- and health-care reform preparation programme")

    def items(self):
        return NewsItem.objects.published().order_by("-published_at", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body[:400]

    def item_link(self, item):
        return reverse("governance:news-detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.author or None


class EventListView(GovernanceListView):
    model = StakeholderEvent
    title = gettext_lazy("Stakeholder events")
    search_fields = ("title", "target_group", "feedback")
    sort_fields = {"date": "date", "participants": "participants"}
    default_sort = "-date"
    create_url_name = "governance:event-create"
    columns = [
        Column(gettext_lazy("Date"), lambda o: o.date, "date"),
        Column(gettext_lazy("Event"), lambda o: o.title, "", lambda o: reverse("governance:event-edit", args=[o.pk])),
        Column(gettext_lazy("Target group"), lambda o: o.target_group or "–"),
        Column(gettext_lazy("Participants"), lambda o: o.participants, "participants", numeric=True),
        Column(gettext_lazy("Feedback responses"), lambda o: o.feedback_responses, numeric=True),
        Column(gettext_lazy("Average feedback (1-5)"), lambda o: o.feedback_score or "–", numeric=True),
        Column(gettext_lazy("Feedback summary"), lambda o: o.feedback or "–"),
    ]


class EventFormView(GovernanceFormView):
    model = StakeholderEvent
    form_class = forms.StakeholderEventForm
    title = gettext_lazy("New stakeholder event")

    def success_url(self, obj):
        return reverse("governance:event-list")
