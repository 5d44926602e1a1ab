"""`renkei site`: the registry's public static site, in Japanese first and in English, built
from the registry and its Git history (`renkei.site.build.build_site`)."""
