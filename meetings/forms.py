from django import forms
from django.conf import settings


class ArticleForm(forms.Form):
    """An article to add: pasted text, a URL to fetch, or a file."""

    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 10}), help_text="Headline on the first line."
    )
    url = forms.URLField(required=False, max_length=1000, label="URL", assume_scheme="https")
    file = forms.FileField(required=False, help_text="Text, HTML, RSS/Atom or JSONL.")
    published = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="When the article does not say."
    )
    outlet = forms.CharField(required=False, max_length=200)

    @staticmethod
    def max_bytes() -> int:
        """The largest file (and so request) accepted: four bytes per character at most."""
        return settings.PARLEY_MAX_ARTICLE_CHARS * 4

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) > settings.PARLEY_MAX_ARTICLE_CHARS:
            raise forms.ValidationError(f"At most {settings.PARLEY_MAX_ARTICLE_CHARS:,} characters.")
        return text

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > self.max_bytes():
            raise forms.ValidationError(f"The file is over the size limit of {self.max_bytes():,} bytes.")
        return upload

    def clean(self):
        data = super().clean()
        given = [name for name in ("text", "url", "file") if data.get(name)]
        if not given:
            raise forms.ValidationError("Paste the text, give a URL or choose a file.")
        if len(given) > 1 and not (given == ["text", "url"]):
            raise forms.ValidationError("Give one of text, URL or file.")
        return data
