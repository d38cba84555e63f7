"""The Linked Data site: a page and RDF documents for every IRI a publication mints.

The site sits above ``publish``: it reads a published folder and the URI rules of
:mod:`bdp_lod.site.layout`, never the reverse.
"""
