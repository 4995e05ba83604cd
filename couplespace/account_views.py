from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from couplespace.export import export_zip
from couplespace.forms import posted


@require_POST
def quick_exit_sign_out(request):
    """Quick exit signs out on the way, for a person who asked it to: static/js/app.js posts
    here in a beacon, with the page's CSRF token, as it leaves (a GET never signs anyone out).
    There is nothing to show: the person has already left."""
    if request.user.is_authenticated:
        logout(request)
    return HttpResponse(status=204)


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required
def export_data(request):
    """Everything a person wrote, after they type their password again (allauth's
    reauthentication): a borrowed, still signed-in phone is not enough to take it all. The page
    comes first, so that after the password the person lands on it and downloads from there;
    the download (a POST) stays on that page."""
    if request.method == "GET":
        return render(request, "export.html")
    response = HttpResponse(export_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="couplespace-export.zip"'
    return response


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"), widget=forms.PasswordInput, strip=False
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.person.check_password(password):
            raise forms.ValidationError(gettext_lazy("That password is not right."))
        return password


@login_required
def delete_account(request):
    data = posted(request)
    form = DeleteAccountForm(data, person=request.user)
    if request.method == "POST" and form.is_valid():
        person = request.user
        logout(request)
        person.delete_account()
        messages.success(request, _("Your account and everything you wrote have been deleted."))
        return redirect("landing")
    status = 400 if request.method == "POST" else 200
    return render(request, "delete_account.html", {"form": form}, status=status)
