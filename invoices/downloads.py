"""Serving rendered documents: a PDF per request from an unlinked temp file, or many as a zip.

The PDF is rendered into a file in INVOICE_TEMP_DIR that is unlinked the moment it is open:
the open descriptor keeps the bytes readable, and nothing is left on disk whatever happens
next (a rendering error, a client that goes away, a worker that is killed). FileResponse
then streams it in 64 KiB blocks, or hands it to gunicorn's sendfile via wsgi.file_wrapper.
"""

import os
import tempfile
import zipfile

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag

from invoices.pdf import LAYOUT_VERSION, render_invoice_pdf

PDF_BLOCK_SIZE = 64 * 1024


class PdfFileResponse(FileResponse):
    block_size = PDF_BLOCK_SIZE


def document_etag(document):
    """Strong ETag: the number, the stored snapshot's hash and the layout that renders it."""
    return quote_etag(f"{document.number.replace('/', '-')}.{document.content_hash[:20]}.v{LAYOUT_VERSION}")


def render_to_unlinked_file(document):
    """An open binary file holding the rendered PDF, positioned at its start, with no name on disk."""
    descriptor, path = tempfile.mkstemp(prefix="invoice-", suffix=".pdf", dir=settings.INVOICE_TEMP_DIR)
    os.unlink(path)
    pdf_file = os.fdopen(descriptor, "w+b")
    try:
        render_invoice_pdf(document, pdf_file)
        pdf_file.flush()
        pdf_file.seek(0)
    except BaseException:
        pdf_file.close()
        raise
    return pdf_file


def pdf_download_response(request, document):
    """304 when the client holds this exact document, else the rendered PDF as an attachment."""
    etag = document_etag(document)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = PdfFileResponse(
            render_to_unlinked_file(document),
            as_attachment=True,
            filename=document.download_filename,
            content_type="application/pdf",
        )
    # RFC 9110 15.4.5: a 304 carries the ETag and Cache-Control a 200 would have had.
    response["ETag"] = etag
    # Private documents: a shared cache must not keep them; the browser revalidates with the ETag.
    response["Cache-Control"] = "private, no-cache"
    return response


class _ZipSink:
    """An unseekable, write-only file for zipfile: it keeps what was written until drained."""

    def __init__(self):
        self._chunks = []
        self._position = 0

    def write(self, data):
        self._chunks.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self):
        return self._position

    def flush(self):
        pass

    def drain(self):
        chunks, self._chunks = self._chunks, []
        return b"".join(chunks)


def iter_documents_zip(documents):
    """Yield a zip of the documents' PDFs piece by piece: one PDF in memory at a time, never the archive.

    zipfile writes data descriptors after each entry when the output cannot seek, so the
    archive streams straight to the client.
    """
    sink = _ZipSink()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for document in documents:
            # One folder per registration: two GSTINs may both have issued LB/26-27/000001.
            with archive.open(f"{document.seller_gstin}/{document.download_filename}", mode="w") as entry:
                render_invoice_pdf(document, entry)
            yield sink.drain()
    yield sink.drain()


def zip_download_response(documents, filename):
    response = StreamingHttpResponse(iter_documents_zip(documents), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
