# PostAdmin configured option for option like prisma/demo-admin.ts's, tuned as an expert would: related labels in
# the page's own query (list_select_related), no second COUNT of the whole table (show_full_result_count), and the
# 1,000 authors behind a search box instead of a <select> or a list of links, as the admin shows them (over 200
# choices it offers a search): autocomplete_fields on the form, AuthorSearchFilter in the list's filters.
# The demo's filters Django's admin has no counterpart for are left out: tags (Prisma's implicit many-to-many table)
# and the view count's range.
from django.contrib import admin
from django.utils.html import format_html

from .models import Author, Category, Comment, Post


class AuthorSearchFilter(admin.RelatedFieldListFilter):
    """The author filter as the admin renders it for 1,000 authors: "All" and the chosen author, no list of them all."""

    def field_choices(self, field, request, model_admin):
        if not self.lookup_val:
            return []
        return [(a.pk, str(a)) for a in Author.objects.filter(pk=self.lookup_val)]

    def has_output(self):
        return True


class CommentInline(admin.TabularInline):
    model = Comment
    fields = ['author_name', 'body', 'approved', 'created_at']
    readonly_fields = ['created_at']
    ordering = ['created_at']
    extra = 1


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ['title', 'author', 'category', 'status', 'published_at', 'reading_time']
    list_filter = ['status', 'category', ('author', AuthorSearchFilter), 'author__country', 'published_at']
    search_fields = ['title', 'body', 'author__name']
    ordering = ['-created_at']
    list_per_page = 50
    list_select_related = ['author', 'category']
    show_full_result_count = False
    autocomplete_fields = ['author']
    readonly_fields = ['created_at', 'updated_at']
    fieldsets = [
        ('Content', {'fields': ['title', 'slug', 'body']}),
        ('Publication', {'fields': [('status', 'published_at'), 'author', 'category']}),
        ('Reception', {'fields': ['view_count', 'rating']}),
        ('Metadata', {'fields': ['created_at', 'updated_at'], 'classes': ['collapse'], 'description': 'Kept by the database.'}),
    ]
    prepopulated_fields = {'slug': ['title']}
    radio_fields = {'status': admin.HORIZONTAL}
    save_as = True
    save_on_top = True
    inlines = [CommentInline]

    @admin.display(description='Reading time')
    def reading_time(self, post):
        minutes = max(1, round(len(post.body.split()) / 200))
        return format_html('<span class="badge badge-blue" title="{}: about {} min">{} min</span>', post.title, minutes, minutes)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ['name', 'email', 'country', 'created_at']
    list_filter = ['country']
    search_fields = ['name', 'email']
    ordering = ['name']


admin.site.register(Category, list_display=['name', 'slug'])
