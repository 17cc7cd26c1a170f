"""A CPAS's list of documents to bring, kept by its managers (docs/first-contact.md)."""

from .models import DocumentItem


def document_item_add(*, cpas, labels: dict[str, str]) -> DocumentItem:
    return DocumentItem.objects.create(cpas=cpas, **labels)


def document_item_remove(*, cpas, pk: int) -> bool:
    """No longer offered (appointments already proposed keep naming it)."""
    return bool(DocumentItem.objects.filter(cpas=cpas, pk=pk).update(active=False))


def document_items(cpas):
    return DocumentItem.objects.filter(cpas=cpas, active=True)
