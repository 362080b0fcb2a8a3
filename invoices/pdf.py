"""Render an issued invoice or credit note to PDF with reportlab platypus.

`render_invoice_pdf(document, fileobj)` is a pure function of the stored snapshot (an Invoice
row): it reads no other table, so a document renders the same today and in ten years.
The line table repeats its header on every page and every page carries "Page X of Y".
"""

import functools
from datetime import datetime
from decimal import Decimal
from html import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from invoices.gst import state_label
from invoices.words import rupees_in_words

# Bump when the layout changes, so download ETags change with it.
LAYOUT_VERSION = 2

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 14 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FONT = "Helvetica"
BOLD = "Helvetica-Bold"
GRID = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e8edf2")
INK = colors.HexColor("#1f2933")

LINE_FONT_SIZE = 7.5
LINE_LEADING = 9
CELL_PADDING = 2.5

TEXT = ParagraphStyle("text", fontName=FONT, fontSize=8.5, leading=11, textColor=INK)
SMALL = ParagraphStyle("small", parent=TEXT, fontSize=7.5, leading=9)
LABEL = ParagraphStyle(
    "label", parent=TEXT, fontName=BOLD, fontSize=7.5, leading=10, textColor=colors.HexColor("#52606d")
)
TITLE = ParagraphStyle("title", parent=TEXT, fontName=BOLD, fontSize=16, leading=20)
HEADLINE = ParagraphStyle("headline", parent=TEXT, alignment=TA_RIGHT)


TITLES = {
    "invoice": "Tax Invoice", "credit_note": "Credit Note", "receipt": "Receipt Voucher", "refund": "Refund Voucher",
    "cancellation": "Tax Invoice",
}  # fmt: skip
NUMBER_LABELS = {
    "invoice": "Invoice no.", "credit_note": "Credit note no.", "receipt": "Receipt no.",
    "refund": "Refund voucher no.", "cancellation": "Invoice no.",
}  # fmt: skip
TOTAL_LABELS = {
    "invoice": "Total (INR)", "credit_note": "Total credited (INR)", "receipt": "Total received (INR)",
    "refund": "Total refunded (INR)", "cancellation": "Total (INR)",
}  # fmt: skip


def render_invoice_pdf(document, fileobj):
    """Write `document` (an invoices.models.Invoice) as a PDF into the binary file object."""
    title = TITLES[document.kind]
    template = SimpleDocTemplate(
        fileobj,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=f"{title} {document.number}",
        author=document.seller["name"],
        subject=f"Booking #{document.particulars['booking_id']}",
    )
    footer = f"{document.seller['name']} · {title} {document.number}"
    story = [
        _heading(document, title),
        Spacer(0, 4 * mm),
        _parties(document),
        Spacer(0, 3 * mm),
        _particulars(document),
        Spacer(0, 4 * mm),
        _line_table(document),
        Spacer(0, 3 * mm),
        _totals(document),
        Spacer(0, 6 * mm),
        Paragraph(
            f"For {_text(document.seller['name'])}: this is a computer-generated document and needs no signature.",
            SMALL,
        ),
    ]
    template.build(story, canvasmaker=_numbered_canvas(footer))


# --- Blocks -----------------------------------------------------------------------------


def _heading(document, title):
    issued = timezone.localtime(document.issued_at)
    facts = [
        f"<b>{NUMBER_LABELS[document.kind]}</b> {_text(document.number)}",
        f"<b>Date</b> {issued:%d %b %Y}",
        f"<b>Place of supply</b> {_text(state_label(document.place_of_supply))}",
        f"<b>Supply</b> {'Intra-state' if document.is_intra_state else 'Inter-state'}",
        "<b>Reverse charge</b> No",
    ]
    table = Table(
        [[Paragraph(title.upper(), TITLE), Paragraph("<br/>".join(facts), HEADLINE)]],
        colWidths=[CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.5],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
            ]
        )
    )
    return table


def _parties(document):
    seller, buyer = document.seller, document.buyer
    seller_lines = [
        f"<b>{_text(seller['name'])}</b>",
        _text(seller.get("address", "")),
        f"GSTIN: {_text(seller['gstin'])}",
        f"State: {_text(state_label(seller['state_code']))}",
    ]
    buyer_lines = [
        f"<b>{_text(buyer['name'])}</b>",
        _text(buyer["email"]) + (f" · {_text(buyer['phone'])}" if buyer.get("phone") else ""),
        f"GSTIN: {_text(buyer['gstin']) if buyer.get('gstin') else 'Unregistered'}",
        f"State: {_text(state_label(buyer['state_code']))}",
    ]
    return _boxed_pair(("SELLER", seller_lines), ("BILL TO", buyer_lines))


def _particulars(document):
    details = document.particulars
    start, end = _local(details["start"]), _local(details["end"])
    slot = (
        f"{start:%d %b %Y, %H:%M} to {end:%H:%M}"
        if start.date() == end.date()
        else f"{start:%d %b %Y, %H:%M} to {end:%d %b %Y, %H:%M}"
    )
    booking_lines = [
        f"<b>Booking #{details['booking_id']}</b>: {_text(details['booking_title'])} "
        f"({_text(details['booking_kind'])})",
        f"Venue: {_text(details['venue_name'])}"
        + (f", {_text(details['venue_address'])}" if details.get("venue_address") else ""),
        f"Slot: {slot}",
    ]
    if document.is_receipt:
        received = [
            f"Received: INR {format_inr(document.total)} on {_local(details['received_at']):%d %b %Y, %H:%M}",
            f"By: {_text(details['payment_method'])}"
            + (f" (ref. {_text(details['payment_reference'])})" if details.get("payment_reference") else ""),
            f"Booking total: INR {format_inr(details['booking_total'])}",
            "An advance against the booking: the tax invoice follows on confirmation.",
        ]
        return _boxed_pair(("BOOKING", booking_lines), ("RECEIVED", received))
    if document.is_cancellation_charge:
        charge_lines = [
            f"Cancellation charge: invoice <b>{_text(details['original_number'])}</b> "
            f"dated {_local(details['original_issued_at']):%d %b %Y} was cancelled by credit note",
            f"Invoice total: INR {format_inr(details['original_total'])}",
            f"Kept under the cancellation policy: INR {format_inr(details['kept_amount'])}",
        ]
        return _boxed_pair(("BOOKING", booking_lines), ("CHARGE", charge_lines))
    if not (document.is_credit_note or document.is_refund_voucher):
        return _boxed_single("BOOKING", booking_lines)
    against = "receipt" if document.is_refund_voucher else "invoice"
    reference_lines = [
        f"Against {against} <b>{_text(details['original_number'])}</b> "
        f"dated {_local(details['original_issued_at']):%d %b %Y}",
        f"{against.capitalize()} total: INR {format_inr(details['original_total'])}",
        f"Refund: INR {format_inr(details['refund_amount'])} "
        + (
            f" ({details['refund_percent']}% of the payment)"
            if document.is_refund_voucher
            else f" ({details['refund_percent']}% under the cancellation policy)"
        ),
    ]
    if details.get("refund_reason"):
        reference_lines.append(f"Reason: {_text(details['refund_reason'])}")
    heading = "REFUND AGAINST" if document.is_refund_voucher else "CREDIT AGAINST"
    return _boxed_pair(("BOOKING", booking_lines), (heading, reference_lines))


def _line_table(document):
    intra = document.is_intra_state
    tax_headers = ["CGST", "SGST"] if intra else ["IGST"]
    header = ["#", "Description", "SAC", "Qty", "Rate", "Taxable value", "GST %", *tax_headers, "Amount"]
    # The SAC column is paid for by trimming the numeric columns, so descriptions keep their width.
    numeric = [16, None, 30, 28, 52, 60, 28, *([48, 48] if intra else [60]), 60]
    fixed = sum(width for width in numeric if width)
    widths = [width or CONTENT_WIDTH - fixed for width in numeric]
    description_width = widths[1] - 2 * CELL_PADDING
    rows, heights = [], []
    for position, line in enumerate(document.lines, start=1):
        description = _wrapped(str(line["description"]), description_width)
        taxes = [line["cgst"], line["sgst"]] if intra else [line["igst"]]
        rows.append(
            [
                str(position),
                "\n".join(description),
                line.get("sac_code", ""),
                _quantity(line["quantity"]),
                format_inr(line["unit_price"]),
                format_inr(line["taxable_value"]),
                _rate(line["gst_rate"]),
                *(format_inr(tax) for tax in taxes),
                format_inr(line["total"]),
            ]
        )
        heights.append(len(description) * LINE_LEADING + 2 * CELL_PADDING)
    return PagedLineTable(header, rows, heights, widths)


DESCRIPTION_COLUMN = 1
HEADER_HEIGHT = LINE_LEADING + 2 * CELL_PADDING


class PagedLineTable(Flowable):
    """The line items, split into one LinePage per page with the header row repeated on each.

    Row heights are known up front (plain text, pre-wrapped), so a split only counts how many
    rows fit. A platypus Table instead re-measures and re-styles every remaining row each time
    it splits (quadratic in the lines) and draws each cell with its own text object; this
    keeps 2,000 lines at a fraction of a millisecond each.
    """

    def __init__(self, header, rows, heights, widths, start=0):
        super().__init__()
        # Centred like the platypus tables above and below it, which are as wide as the page's
        # margins allow and so overhang the frame's padding equally on both sides.
        self.hAlign = "CENTER"
        self.header, self.rows, self.heights, self.widths, self.start = header, rows, heights, widths, start
        self.width = sum(widths)

    def wrap(self, available_width, available_height):
        return self.width, HEADER_HEIGHT + sum(self.heights[self.start :])

    def split(self, available_width, available_height):
        room = available_height - HEADER_HEIGHT
        end = self.start
        while end < len(self.rows) and self.heights[end] <= room:
            room -= self.heights[end]
            end += 1
        if end == self.start:
            return []
        page = LinePage(self.header, self.rows[self.start : end], self.heights[self.start : end], self.widths)
        if end == len(self.rows):
            return [page]
        return [page, PagedLineTable(self.header, self.rows, self.heights, self.widths, end)]

    def draw(self):
        page = LinePage(self.header, self.rows[self.start :], self.heights[self.start :], self.widths)
        page.wrapOn(self.canv, self.width, self.height)
        page.drawOn(self.canv, 0, 0)


class LinePage(Flowable):
    """One page of line items drawn straight onto the canvas: header band, rules, one text object."""

    def __init__(self, header, rows, heights, widths):
        super().__init__()
        self.hAlign = "CENTER"  # as PagedLineTable
        self.header, self.rows, self.heights, self.widths = header, rows, heights, widths
        self.lefts = [sum(widths[:index]) for index in range(len(widths))]
        self.width = sum(widths)
        self.height = HEADER_HEIGHT + sum(heights)

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.setFillColor(SHADE)
        canvas.rect(0, self.height - HEADER_HEIGHT, self.width, HEADER_HEIGHT, stroke=0, fill=1)
        rules = canvas.beginPath()
        text = canvas.beginText()
        text.setFillColor(INK)
        text.setFont(BOLD, LINE_FONT_SIZE, LINE_LEADING)
        top = self.height
        self._draw_row(text, self.header, top, BOLD)
        top -= HEADER_HEIGHT
        text.setFont(FONT, LINE_FONT_SIZE, LINE_LEADING)
        for row, height in zip(self.rows, self.heights, strict=True):
            rules.moveTo(0, top)
            rules.lineTo(self.width, top)
            self._draw_row(text, row, top, FONT)
            top -= height
        canvas.drawText(text)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.25)
        canvas.drawPath(rules, stroke=1, fill=0)
        canvas.setLineWidth(0.5)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)

    def _draw_row(self, text, cells, top, font):
        baseline = top - CELL_PADDING - LINE_FONT_SIZE * 0.8
        for column, cell in enumerate(cells):
            # textLine, unlike textOut, does not measure the string to advance the cursor;
            # every cell sets its own origin anyway.
            if column == DESCRIPTION_COLUMN:
                for offset, part in enumerate(cell.split("\n")):
                    text.setTextOrigin(self.lefts[column] + CELL_PADDING, baseline - offset * LINE_LEADING)
                    text.textLine(part)
                continue
            right = self.lefts[column] + self.widths[column] - CELL_PADDING
            text.setTextOrigin(right - _width(cell, font), baseline)
            text.textLine(cell)


def _totals(document):
    rows = [["Taxable value", format_inr(document.subtotal)]]
    if document.is_intra_state:
        rows += [["CGST", format_inr(document.cgst_total)], ["SGST", format_inr(document.sgst_total)]]
    else:
        rows += [["IGST", format_inr(document.igst_total)]]
    label = TOTAL_LABELS[document.kind]
    rows.append([label, format_inr(document.total)])
    amounts = Table(rows, colWidths=[40 * mm, 32 * mm])
    amounts.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("FONT", (0, -1), (-1, -1), BOLD, 9.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEABOVE", (0, -1), (-1, -1), 0.75, INK),
                ("BACKGROUND", (0, -1), (-1, -1), SHADE),
            ]
        )
    )
    words = Paragraph(f"<b>Amount in words</b><br/>{rupees_in_words(document.total)}", TEXT)
    table = Table([[words, amounts]], colWidths=[CONTENT_WIDTH - 72 * mm, 72 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                # The amounts fill their cell, so they end where the line table does.
                ("LEFTPADDING", (-1, 0), (-1, 0), 0),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
            ]
        )
    )
    return table


def _boxed_pair(left, right):
    table = Table([[_box_cell(*left), _box_cell(*right)]], colWidths=[CONTENT_WIDTH / 2] * 2)
    table.setStyle(_BOX_STYLE)
    return table


def _boxed_single(label, lines):
    table = Table([[_box_cell(label, lines)]], colWidths=[CONTENT_WIDTH])
    table.setStyle(_BOX_STYLE)
    return table


def _box_cell(label, lines):
    return [Paragraph(label, LABEL), Paragraph("<br/>".join(line for line in lines if line), TEXT)]


_BOX_STYLE = TableStyle(
    [
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


# --- Page furniture -----------------------------------------------------------------------


def _numbered_canvas(footer):
    """A canvas class that holds pages back until the end, to print 'Page X of Y' on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved_pages = []

        def showPage(self):
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            page_count = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._draw_footer(page_count)
                super().showPage()
            super().save()

        def _draw_footer(self, page_count):
            self.setFont(FONT, 7)
            self.setFillColor(colors.HexColor("#52606d"))
            self.drawString(MARGIN, MARGIN, footer)
            self.drawRightString(PAGE_WIDTH - MARGIN, MARGIN, f"Page {self._pageNumber} of {page_count}")

    return NumberedCanvas


# --- Formatting ---------------------------------------------------------------------------


def format_inr(amount):
    """Indian digit grouping: Decimal('1234567.5') -> '12,34,567.50'; negatives keep their sign."""
    value = Decimal(amount).quantize(Decimal("0.01"))
    sign = "-" if value < 0 else ""
    rupees, paise = f"{abs(value):.2f}".split(".")
    if len(rupees) > 3:
        head, tail = rupees[:-3], rupees[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        rupees = ",".join([head, *groups, tail]) if head else ",".join([*groups, tail])
    return f"{sign}{rupees}.{paise}"


def _wrapped(description, width):
    if stringWidth(description, FONT, LINE_FONT_SIZE) <= width:
        return [description]
    return simpleSplit(description, FONT, LINE_FONT_SIZE, width) or [""]


@functools.lru_cache(maxsize=4096)
def _width(cell, font):
    """Width of a numeric cell; amounts, rates and quantities repeat a lot down a long invoice."""
    return stringWidth(cell, font, LINE_FONT_SIZE)


def _quantity(value):
    quantity = Decimal(value)
    return f"{quantity:.2f}" if quantity != quantity.to_integral_value() else f"{quantity:.0f}"


def _rate(value):
    return f"{Decimal(value).normalize():f}%"


def _local(iso_text):
    return datetime.fromisoformat(iso_text)


def _text(value):
    return escape(str(value), quote=False)
