"""The pydantic models of a contract spec."""

from contractkit.models._base import (
    Amount,
    Days,
    Email,
    Identifier,
    Percent,
    SpecModel,
    Text,
)
from contractkit.models.confidentiality import Confidentiality
from contractkit.models.contract import Contract
from contractkit.models.document import DocumentInfo, GoverningLaw
from contractkit.models.liability import (
    Indemnity,
    IndemnityProcedure,
    Liability,
    LiabilityCap,
)
from contractkit.models.parties import Address, Party, Role, Signatory
from contractkit.models.payment import InvoiceFrequency, LateFee, PaymentTerms
from contractkit.models.term import Term, Termination

__all__ = [
    "Address",
    "Amount",
    "Confidentiality",
    "Contract",
    "Days",
    "DocumentInfo",
    "Email",
    "GoverningLaw",
    "Identifier",
    "Indemnity",
    "IndemnityProcedure",
    "InvoiceFrequency",
    "LateFee",
    "Liability",
    "LiabilityCap",
    "Party",
    "PaymentTerms",
    "Percent",
    "Role",
    "Signatory",
    "SpecModel",
    "Term",
    "Termination",
    "Text",
]
