"""Mail: parse a multipart message with the modern email policy, walk its parts, build a reply."""
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

RAW = b"""From: Ada <ada@example.org>
To: Bob <bob@example.org>, team@example.org
Subject: =?utf-8?q?Re=3A_caf=C3=A9_plans?=
Date: Mon, 29 Jan 2024 09:30:00 +0100
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Caf=C3=A9 at nine?
--XX
Content-Type: text/html; charset=utf-8

<p>Caf&eacute; at <b>nine</b>?</p>
--XX--
"""


def main():
    msg = BytesParser(policy=policy.default).parsebytes(RAW)
    body = msg.get_body(preferencelist=("plain",)).get_content().strip()
    reply = EmailMessage()
    reply["From"] = msg["To"].addresses[0]
    reply["To"] = msg["From"]
    reply["Subject"] = "Re: " + msg["Subject"]
    reply.set_content("Yes.\n\n> " + body)
    return "%s | %s | %s | %d" % (msg["Subject"], [a.username for a in msg["To"].addresses], body,
                                  len(reply.as_bytes()))
