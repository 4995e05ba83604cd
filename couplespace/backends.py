from allauth.account.auth_backends import AuthenticationBackend

from couplespace.models import User


class PersonBackend(AuthenticationBackend):
    """allauth's email login; the signed-in person comes with their therapist profile, if any,
    so every page can tell a therapist without another query."""

    def get_user(self, user_id):
        person = User.objects.select_related("therapist_profile").filter(pk=user_id).first()
        return person if person and self.user_can_authenticate(person) else None
