# The benchmark's blog tables (prisma/schema/blog.prisma) as Django models: managed = False, so Django reads and
# writes the tables Prisma created and never migrates them. Post's tags (Prisma's implicit _PostToTag table, which has
# no key column of its own) are left out: Django's admin cannot edit a many-to-many through such a table.
from django.db import models


class Author(models.Model):
    name = models.TextField()
    email = models.TextField(unique=True)
    bio = models.TextField(null=True, blank=True)
    country = models.TextField(null=True, blank=True)
    created_at = models.DateTimeField(db_column='createdAt')

    class Meta:
        managed = False
        db_table = 'Author'

    def __str__(self):
        return self.name


class Category(models.Model):
    name = models.TextField(unique=True)
    slug = models.TextField(unique=True)
    description = models.TextField(null=True, blank=True)

    class Meta:
        managed = False
        db_table = 'Category'
        verbose_name_plural = 'categories'

    def __str__(self):
        return self.name


class Post(models.Model):
    STATUSES = [('draft', 'draft'), ('published', 'published'), ('archived', 'archived')]
    title = models.TextField()
    slug = models.TextField(unique=True)
    body = models.TextField()
    status = models.CharField(max_length=20, choices=STATUSES, default='draft')
    published_at = models.DateTimeField(db_column='publishedAt', null=True, blank=True)
    created_at = models.DateTimeField(db_column='createdAt', auto_now_add=True)
    updated_at = models.DateTimeField(db_column='updatedAt', auto_now=True)
    view_count = models.IntegerField(db_column='viewCount', default=0)
    rating = models.DecimalField(max_digits=65, decimal_places=30, null=True, blank=True)
    author = models.ForeignKey(Author, db_column='authorId', on_delete=models.PROTECT)
    category = models.ForeignKey(Category, db_column='categoryId', null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        managed = False
        db_table = 'Post'
        ordering = ['-created_at']

    def __str__(self):
        return self.title


class Comment(models.Model):
    post = models.ForeignKey(Post, db_column='postId', on_delete=models.CASCADE)
    author_name = models.TextField(db_column='authorName')
    body = models.TextField()
    created_at = models.DateTimeField(db_column='createdAt', auto_now_add=True)
    approved = models.BooleanField(default=False)

    class Meta:
        managed = False
        db_table = 'Comment'
