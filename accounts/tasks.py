"""Account mails, sent by jobs (outside the request and its transaction, retried with backoff)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from accounts.models import User
from accounts.tokens import email_verification_tokens, password_reset_tokens, uid_of
from lebrq.tasks import carries_request_id, retry_with_backoff


@task()
@carries_request_id
@retry_with_backoff
def send_password_reset(email, attempt=1):
    """Looked up here, not in the request: the request answers 204 the same way for any email."""
    user = User.objects.filter(email=email.lower(), is_active=True).first()
    if user is None:
        return False
    _send(user, "password_reset", password_reset_tokens.make_token(user))
    return True


@task()
@carries_request_id
@retry_with_backoff
def send_email_verification(user_id, attempt=1):
    user = User.objects.filter(pk=user_id, email_verified=False).first()
    if user is None:
        return False
    _send(user, "verify_email", email_verification_tokens.make_token(user))
    return True


def _send(user, template, token):
    context = {"user": user, "uid": uid_of(user), "token": token, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
    subject = render_to_string(f"accounts/{template}_subject.txt", context).strip()
    send_mail(subject, render_to_string(f"accounts/{template}.txt", context), None, [user.email])
