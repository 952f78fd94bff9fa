"""The JSON API: views, serializers, URLs and the policies settings name."""
