"""The exclusion rules of phone detection, as data: the words that say a number is not one to call.

`phones.find_numbers` first finds every digit string that reads as a phone number, then looks at
the words around it (the clause before it, back to 60 characters, and the words right after)
with these rules. Each rule is one row:

* ``name``: a stable id;
* ``pattern``: the words the rule looks for, lower case, one entry per word (or, for
  ``not-a-label``, a pair: the word before a label, then the label: "in case");
* ``scope``: where the words are looked for (see `SCOPES`);
* ``effect``: what a hit does (see `EFFECTS`);
* ``examples``: sentences with one number each, and whether it is read as a callback number.
  ``tests/test_phones.py`` runs every example, and checks that each one whose outcome the rule
  decides flips when the rule's words are removed.

To add a word, add it to the row it belongs to and add an example; to add a row, also name it in
`phones` where the grammar uses it (the grammar is: a label before the number, with at most six
words between and no calling cue among them, or a label right after it, excludes the number).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["EFFECTS", "RULES", "SCOPES", "Effect", "PhoneRule", "Scope"]

Scope = Literal["label", "after-label", "before-label", "gap", "after-number"]
#: Where a rule's words are looked for.
SCOPES: dict[Scope, str] = {
    "label": "a word before the number (up to six words back in its clause) or right after it",
    "after-label": "the word right after a label word",
    "before-label": "the word right before a label word",
    "gap": "the words between a label and the number",
    "after-number": "the words right after the number ('901-555-2120 is my direct line')",
}
Effect = Literal["exclude", "exclude-with-id-word", "exclude-fax", "id-word", "keep"]
#: What a hit does.
EFFECTS: dict[Effect, str] = {
    "exclude": "the number is an id, not a callback number ('order 4829331')",
    "exclude-with-id-word": "an id only when an id word follows ('member ID 4829331')",
    "exclude-fax": "a fax number; only a strong calling cue overrides it ('fax me at ...')",
    "id-word": "the word after a weak label that makes it an id label ('number', 'ID')",
    "keep": "overrides an exclusion: the number is to call after all",
}


@dataclass(frozen=True)
class PhoneRule:
    """One exclusion rule: its id, the words, where they are looked for, what they do."""

    name: str
    pattern: tuple[str, ...]
    scope: Scope
    effect: Effect
    examples: tuple[tuple[str, bool], ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


RULES: tuple[PhoneRule, ...] = (
    PhoneRule(
        "id-label",
        _words(
            "order orders confirmation conf conf. account acct acct. a/c invoice invoices inv "
            "inv. reference ref ref. ticket tickets case cases claim claims policy policies po "
            "p.o. p.o tracking serial s/n reservation txn sku rma ssn ein vat npi duns vin isbn "
            "zipcode postcode passcode password waybill docket id code # no. nr nr. num."
        ),
        "label",
        "exclude",
        (
            ("Your order 482-9331 ships on Monday.", False),
            ("Your confirmation number is 555-0147.", False),
            ("The claim 9015552120 was approved, and we sent the check.", False),
            ("Call me at 901-555-2120 about the new quote.", True),
        ),
    ),
    PhoneRule(
        "weak-label",
        _words(
            "member membership customer client part model item product card shipment package "
            "parcel job warranty tax loan application file record employee badge patient "
            "student incident request bill statement voucher coupon promo flight check cheque "
            "lot batch registration license licence subscription agreement security access "
            "verification discount gift credit debit social booking itinerary receipt "
            "transaction quote quotation contract pin zip routing iban swift"
        ),
        "label",
        "exclude-with-id-word",
        (
            ("Your member number 482-9331 is on the card.", False),
            ("It's on my card: 901-555-2120.", True),
        ),
    ),
    PhoneRule(
        "id-word",
        _words("number numbers num num. no no. nr nr. # id code"),
        "after-label",
        "id-word",
        (
            ("Your customer number 48293315 is on the letter.", False),
            ("A customer, 901-555-2120, asked for you.", True),
        ),
    ),
    PhoneRule(
        "not-a-label",
        (
            "in case",
            "any case",
            "that case",
            "this case",
            "either case",
            "each case",
            "which case",
            "worst case",
            "best case",
            "such case",
            "in order",
            "an order",
            "to order",
            "place order",
            "caller id",
            "area code",
            "dress code",
        ),
        "before-label",
        "keep",
        (
            ("Just in case, 901-555-2120 is my cell.", True),
            ("In any case 901-555-2120 reaches me.", True),
            ("Your case 90155521 is closed.", False),
        ),
    ),
    PhoneRule(
        "role-after-label",
        _words(
            "manager managers executive rep representative director team department dept desk "
            "line lines hotline office service services care support success specialist "
            "coordinator lead owner relations holder"
        ),
        "after-label",
        "keep",
        (
            ("I'm your account manager, 901-555-2120.", True),
            ("Your account 9015552120 is past due.", False),
        ),
    ),
    PhoneRule(
        "fax",
        _words("fax faxes faxed faxing facsimile"),
        "label",
        "exclude-fax",
        (
            ("Our fax is 901-555-2121.", False),
            ("901-555-2121 is our fax line.", False),
            ("Our office is 901-555-2121.", True),
        ),
    ),
    PhoneRule(
        "call-cue-strong",
        _words(
            "call calling phone cell cellphone mobile text reach dial ring line direct tel "
            "telephone contact office desk voicemail extension talk speak chat"
        ),
        "gap",
        "keep",
        (
            ("About your order, dial 901-555-2120.", True),
            ("For the fax, dial 901-555-2121.", True),
            ("About your order, 901-555-2120.", False),
        ),
    ),
    PhoneRule(
        "call-cue-weak",
        _words(
            "back me us at questions question help assistance inquiries enquiries info information"
        ),
        "gap",
        "keep",
        (
            ("For account questions, 901-555-2120.", True),
            ("Fax me at 901-555-2121.", False),
        ),
    ),
    PhoneRule(
        "phone-noun",
        _words("direct cell mobile office phone number line desk callback cellphone personal"),
        "after-number",
        "keep",
        (
            ("Re your account, 901-555-2120 is my direct line.", True),
            ("Your account, my personal number is 901-555-2120.", True),
            ("Re your account, 901-555-2120 is the account number.", False),
        ),
    ),
)
