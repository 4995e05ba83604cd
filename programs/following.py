"""The program's pages for someone who follows a program."""

from functools import wraps

from django.shortcuts import redirect

from programs.models import Enrollment


def following_a_program(view):
    """The view is called with the person's enrolment in a program with check-ins (the check-in,
    practice and ritual pages belong to it) after the request; someone who follows none is sent
    where they can start one: the path, or the programs page if they follow another program."""

    @wraps(view)
    def page(request, *args, **kwargs):
        followed = list(Enrollment.objects.followed_by(request.user))
        enrollment = next((e for e in followed if e.program.checkpoints), None)
        if enrollment is None:
            return redirect("programs:choose" if followed else "programs:path")
        return view(request, enrollment, *args, **kwargs)

    return page
