"""The demo: a job search as one user made it, written as data (``demo/content``) and built
through the apps' own services and forms (``demo/builders``), for ``manage.py demo`` and the
benchmark."""
