"""Loaders turn one source file into a :class:`knowledge_base.base.Document` with Markdown-style headings."""

from knowledge_base.loaders.loader_registry import LoaderRegistry, SourceFile

__all__ = ["LoaderRegistry", "SourceFile"]
