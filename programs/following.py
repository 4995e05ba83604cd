"""The program's pages for someone who follows a program."""

from functools import wraps

from django.shortcuts import redirect

from programs.models import Enrollment


def following_a_program(view):
    """The view is called with the person's enrolment after the request; someone who follows no
    program is sent to the path, where they can start one."""

    @wraps(view)
    def page(request, *args, **kwargs):
        enrollment = Enrollment.objects.for_person(request.user)
        if enrollment is None:
            return redirect("programs:path")
        return view(request, enrollment, *args, **kwargs)

    return page
