# PostAdmin configured option for option like prisma/demo-admin.ts's, tuned as an expert would: related labels in
# the page's own query (list_select_related) and no second COUNT of the whole table (show_full_result_count).
from django.contrib import admin
from django.utils.html import format_html

from .models import Author, Category, Comment, Post


class CommentInline(admin.TabularInline):
    model = Comment
    fields = ['author_name', 'body', 'approved', 'created_at']
    readonly_fields = ['created_at']
    ordering = ['created_at']
    extra = 1


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ['title', 'author', 'category', 'status', 'published_at', 'reading_time']
    list_filter = ['status', 'category', 'author', 'published_at']
    search_fields = ['title', 'body', 'author__name']
    ordering = ['-created_at']
    list_per_page = 50
    list_select_related = ['author', 'category']
    show_full_result_count = False
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


admin.site.register(Author, list_display=['name', 'email', 'created_at'])
admin.site.register(Category, list_display=['name', 'slug'])
