"""Response headers that every private page needs."""

from django.utils.cache import add_never_cache_headers, patch_vary_headers


class PrivatePagesMiddleware:
    """Keep signed-in pages out of shared and browser caches; vary on HTMX fragments."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            add_never_cache_headers(response)
        # The same URL answers with a fragment or a whole page.
        patch_vary_headers(response, ("HX-Request", "HX-Target"))
        return response
