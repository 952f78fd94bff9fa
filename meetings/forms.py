from django import forms


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

    def clean(self):
        data = super().clean()
        given = [name for name in ("text", "url", "file") if data.get(name)]
        if not given:
            raise forms.ValidationError("Paste the text, give a URL or choose a file.")
        if len(given) > 1 and not (given == ["text", "url"]):
            raise forms.ValidationError("Give one of text, URL or file.")
        return data
