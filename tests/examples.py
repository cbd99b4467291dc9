"""Should-flag and should-pass examples for every check, from realistic voicemail text."""

from __future__ import annotations

GOOD = (
    "Hi Dana, this is Freda Whitehouse from ABC Company, at 901-555-2120. Joe Sampson suggested "
    "I call about the time your managers spend on employee conflict. Would Tuesday at 3 or 4 "
    "p.m. work for a short call? Call me back at 901-555-2120 to confirm. Thanks!"
)

LONG = (
    "Hi Dana, this is Freda Whitehouse from ABC Company, at 901-555-2120. We have worked with "
    "hundreds of companies across the region, in logistics, health care and retail. Our "
    "training package covers conflict, feedback and coaching, and many clients tell us their "
    "managers spend less time on disputes after the first quarter. Would Tuesday at 3 or 4 p.m. "
    "work for a short call? Call me back at 901-555-2120 to confirm. Thanks!"
)

# (check id, text, should it flag?, keyword arguments for vc.score)
EXAMPLES: list[tuple[str, str, bool, dict]] = [
    # length: 20-30 s is the aim; over 30 s warns, over 45 s errors, under 12 s suggests more
    ("length", GOOD, False, {}),
    ("length", LONG, True, {}),
    (
        "length",
        "Hi Wes, this is Nora Park from Fieldstone Payroll, 480-555-0102. We moved "
        "Desert Bloom Cafe to weekly pay without extra admin. Could we talk Thursday at 10 a.m.? "
        "Again, 480-555-0102.",
        False,
        {},
    ),
    ("length", LONG + " " + LONG, True, {}),
    ("length", "Hi Dana, Freda from ABC, 901-555-2120.", True, {}),
    ("length", "Hi, it's Sam. Call me.", True, {}),
    (
        "length",
        "This is Raj Patel with Lumen Payroll. Call me back at 615-555-0182. Bye.",
        True,
        {},
    ),
    (
        "length",
        "Hi Mark, it's Ana Ruiz at Brightline HR, 312-555-0144. Your team asked about "
        "onboarding, and I have two ideas that cut it from six weeks to four. Could we talk "
        "Thursday at 10 a.m.? Again, 312-555-0144.",
        False,
        {},
    ),
    (
        "length",
        "Hello Ms. Park, this is Dev Singh from Northstar Freight, 206-555-0111. I am "
        "calling because we help distribution centres cut overtime during peak season, and I think "
        "your Tacoma site could use it. Would Friday at 9 or 10 a.m. work? My number again is "
        "206-555-0111.",
        False,
        {},
    ),
    (
        "length",
        "Hi Tom, Lisa Chen from Orbit Dental Supply, 503-555-0123. We lowered glove costs "
        "by twelve percent for Smile Studio in Salem. Could we talk Monday at 11? Again, Lisa, "
        "503-555-0123.",
        False,
        {},
    ),
    (
        "length",
        "Hi Carla, this is Ben Ortiz with Pine Ridge Software, 720-555-0150. Your office "
        "manager mentioned the scheduling headaches at your three clinics, and we fixed the same "
        "thing for Alpine Vets. Would Wednesday at 2 or 3 p.m. work? Call me at 720-555-0150.",
        False,
        {},
    ),
    ("length", "Hi Omar, it's Jill from Crest Insurance. Call me at 404-555-0190.", True, {}),
    # clarity: grade at most 8 and no sentence over 20 words
    ("clarity", GOOD, False, {}),
    (
        "clarity",
        "Hi Mr. Osei, this is Grace Lin from Tidewater Benefits. Comprehensive "
        "supplemental insurance administration necessitates considerable organisational "
        "coordination. Reach me at 757-555-0119.",
        True,
        {},
    ),
    (
        "clarity",
        "Hi Dana, this is Freda Whitehouse from ABC Company, at 901-555-2120, and I am "
        "calling because I was talking with Joe Sampson last week and he mentioned that your "
        "managers have been spending a great deal of time on conflicts between employees lately. "
        "Call me at 901-555-2120.",
        True,
        {},
    ),
    (
        "clarity",
        "Hello, this is Morgan Lee from Veritas Analytics. Our organisational "
        "effectiveness methodology operationalises cross-functional accountability, facilitating "
        "measurable productivity improvements. Reach me at 617-555-0134.",
        True,
        {},
    ),
    (
        "clarity",
        "Hi, it's Alex with Stratagem Consulting. We deliver comprehensive "
        "infrastructure optimisation and institutional transformation initiatives. Call "
        "312-555-0199.",
        True,
        {},
    ),
    (
        "clarity",
        "Hi Jo, it's Pat from Acme. We provide enterprise-grade compliance automation "
        "integrating regulatory intelligence, documentation management, and continuous "
        "monitoring capabilities for financial institutions. Call 212-555-0100.",
        True,
        {},
    ),
    (
        "clarity",
        "Good morning Mr. Chen, this is Sandra Kowalski from Meridian Facilities "
        "Management, and the reason for my call today is that we recently completed an energy "
        "audit for a building just like yours on Grand Avenue. Call 312-555-0177.",
        True,
        {},
    ),
    (
        "clarity",
        "Hi Jen, it's Mike from Swift Print. We cut print costs for Oak Realty by a "
        "fifth. Can we talk Friday at 10? Call me at 816-555-0120.",
        False,
        {},
    ),
    (
        "clarity",
        "Hi Bob, Kim Diaz from Blue Sky Roofing, 469-555-0166. We fixed the leaks at "
        "the school next door. Could I stop by Monday at 8 a.m.? Again, 469-555-0166.",
        False,
        {},
    ),
    (
        "clarity",
        "Hi Ana, it's Leo at Nova Fitness, 305-555-0133. Your gym's members asked for "
        "spin bikes. We have ten in stock. Would Thursday at 4 work? Call 305-555-0133.",
        False,
        {},
    ),
    (
        "clarity",
        "Hey Sam, Rita from Green Leaf Foods, 512-555-0187. We can get fresh greens to "
        "your cafe by six each day. Does Tuesday at 2 p.m. work? Again, 512-555-0187.",
        False,
        {},
    ),
    (
        "clarity",
        "Hi Ms. Grant, this is Paul Young of Keystone Bank. We can cut your card fees. "
        "Can we talk Wednesday at 9? My number is 215-555-0141, again 215-555-0141.",
        False,
        {},
    ),
    # callback-number: a number is said, and it is the caller's when that is known
    ("callback-number", GOOD, False, {"caller_phone": "901-555-2120"}),
    (
        "callback-number",
        "Hi Nina, it's Carl at Peak Dental Labs. Your case number is "
        "55512-8876 and it ships on 11/30/2026. Talk to you soon.",
        True,
        {},
    ),
    (
        "callback-number",
        "Hi Dana, this is Freda from ABC Company. Joe suggested I call about "
        "employee conflict. Would Tuesday at 3 work? Thanks!",
        True,
        {},
    ),
    (
        "callback-number",
        "Hi, this is Greg from Summit Solar about your order number 4471-2290. "
        "Please call us back when you can.",
        True,
        {},
    ),
    (
        "callback-number",
        "Hi Dana, Freda from ABC Company. Your confirmation code is 55512120 "
        "and your total was $1,250. Talk soon.",
        True,
        {},
    ),
    (
        "callback-number",
        "Hi, it's Freda at ABC Company. Reach me at 901-555-9999, that's 901-555-9999.",
        True,
        {"caller_phone": "901-555-2120"},
    ),
    (
        "callback-number",
        "Hi Ray, Dee from Lakeside Print. We shipped invoice 2026-0114 on "
        "November 3rd to zip 38103. Let me know.",
        True,
        {},
    ),
    (
        "callback-number",
        "Hi Joan, Chris at Delta Supply. Call me at (901) 555-2120, again (901) 555-2120.",
        False,
        {"caller_phone": "901-555-2120"},
    ),
    (
        "callback-number",
        "Hello, this is Amy Lin from Harbor Tech in London, on +44 20 7946 "
        "0958. Again, +44 20 7946 0958.",
        False,
        {},
    ),
    (
        "callback-number",
        "Hi Pete, Wendy from Outback Tours, 03 9999 1111. Again, 03 9999 1111.",
        False,
        {},
    ),
    (
        "callback-number",
        "Hi, this is Freda at ABC Company. My number is nine oh one, five five "
        "five, two one two zero.",
        False,
        {"caller_phone": "901-555-2120"},
    ),
    (
        "callback-number",
        "Hi Lou, it's Max from Quick Courier, 555-2120, that's 555-2120.",
        False,
        {},
    ),
    ("callback-number", "Hi Sue, Ian from Alpha Staffing, 312.555.0177 extension 204.", False, {}),
    # number-repeated: said twice, once early and once at the end
    ("number-repeated", GOOD, False, {}),
    (
        "number-repeated",
        "Hi Dana, this is Freda from ABC Company. Joe suggested I call. My "
        "number is 901-555-2120. Talk soon.",
        True,
        {},
    ),
    (
        "number-repeated",
        "Hi Tom, this is Lisa from Orbit Dental, my direct line is "
        "503-555-0123 and my cell is 503-555-0199. Thanks!",
        True,
        {},
    ),
    (
        "number-repeated",
        "Hi, it's Raj with Lumen Payroll, 615-555-0182. We cut payroll errors "
        "for Music Row Cafe. Would Monday at 11 work? Thanks, bye.",
        True,
        {},
    ),
    (
        "number-repeated",
        "Hello Ms. Park, this is Dev from Northstar Freight. Could we talk "
        "Friday at 9? You can reach me at (206) 555-0111.",
        True,
        {},
    ),
    (
        "number-repeated",
        "Hi Bob, Kim from Blue Sky Roofing at 469-555-0166. We fixed leaks next "
        "door. Call my office at 469-555-0100.",
        True,
        {},
    ),
    (
        "number-repeated",
        "Hi Carla, Ben from Pine Ridge. Your PO number is 720-5550-150. Call me at 720-555-0150.",
        True,
        {},
    ),
    (
        "number-repeated",
        "Hi, Freda from ABC Company, 901-555-2120. Would Tuesday at 3 work? "
        "That's nine oh one, five five five, two one two zero.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hi Jen, Mike at Swift Print, 816-555-0120. We cut costs for Oak "
        "Realty. Can we talk Friday at 10? Again, 816-555-0120.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hi Ana, Leo at Nova Fitness, (305) 555-0133. Would Thursday at 4 work? "
        "Call (305) 555-0133.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hi Sam, Rita from Green Leaf, 512.555.0187. Does Tuesday at 2 p.m. "
        "work? Again, 512.555.0187.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hello, Amy Lin, Harbor Tech, +44 20 7946 0958. Would Monday at 10 "
        "work? Again, +44 20 7946 0958.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hi Lou, Max from Quick Courier, 555-2120. Can I call Friday at 9? That's 555-2120.",
        False,
        {},
    ),
    # proposed-time: a specific future day AND clock time
    ("proposed-time", GOOD, False, {}),
    (
        "proposed-time",
        "Hi Dana, Freda from ABC Company, 901-555-2120. Call me when you get a "
        "chance. Again, 901-555-2120.",
        True,
        {},
    ),
    (
        "proposed-time",
        "Hi Tom, Lisa from Orbit Dental, 503-555-0123. I'm in the office "
        "between nine and noon, Monday to Friday. Again, 503-555-0123.",
        True,
        {},
    ),
    (
        "proposed-time",
        "Hi Jo, Pat from Acme, 212-555-0100. We spoke Tuesday at 3 about your "
        "renewal. Again, 212-555-0100.",
        True,
        {},
    ),
    (
        "proposed-time",
        "Hi Bob, Kim from Blue Sky, 469-555-0166. Let's talk sometime next week. "
        "Again, 469-555-0166.",
        True,
        {},
    ),
    (
        "proposed-time",
        "Hi Ana, Leo from Nova, 305-555-0133. Please get back to me by Friday. "
        "Again, 305-555-0133.",
        True,
        {},
    ),
    (
        "proposed-time",
        "Hi Sam, Rita from Green Leaf, 512-555-0187. Call me at 2. Again, 512-555-0187.",
        True,
        {},
    ),
    (
        "proposed-time",
        "Hi Ms. Grant, Paul from Keystone Bank, 215-555-0141. Let's talk "
        "Monday. Again, 215-555-0141.",
        True,
        {},
    ),
    (
        "proposed-time",
        "Hi Jen, Mike from Swift Print. Would this Friday at two work for you? Call 816-555-0120.",
        False,
        {},
    ),
    (
        "proposed-time",
        "Hi Carla, Ben from Pine Ridge. I'll call you Wednesday at 11. Call 720-555-0150.",
        False,
        {},
    ),
    (
        "proposed-time",
        "Hi Omar, Jill from Crest. Could we talk tomorrow at 10:30? Call 404-555-0190.",
        False,
        {},
    ),
    (
        "proposed-time",
        "Hi Pete, Wendy from Outback. Would Thursday at 10 a.m. suit? Call 03 9999 1111.",
        False,
        {},
    ),
    (
        "proposed-time",
        "Hi Sue, Ian from Alpha Staffing. Does Monday at 14:00 your time work? Call 312-555-0177.",
        False,
        {},
    ),
    # weak-phrases: filler that adds nothing
    ("weak-phrases", GOOD, False, {}),
    ("weak-phrases", "Hi Dana, just following up on my last message. Call 901-555-2120.", True, {}),
    (
        "weak-phrases",
        "Hi Tom, Lisa here, just touching base about the quote. 503-555-0123.",
        True,
        {},
    ),
    (
        "weak-phrases",
        "Hi Jo, Pat from Acme, checking in to see if you read my email. 212-555-0100.",
        True,
        {},
    ),
    ("weak-phrases", "Hey Bob, circling back on the roof estimate. 469-555-0166.", True, {}),
    ("weak-phrases", "Hi Ana, hope all is well! Feel free to reach out at 305-555-0133.", True, {}),
    (
        "weak-phrases",
        "Hi Sam, sorry to bother you, I just wanted to ask about the order. 512-555-0187.",
        True,
        {},
    ),
    ("weak-phrases", "Hi Grant, give me a call when you get a chance at 215-555-0141.", True, {}),
    (
        "weak-phrases",
        "Hi Jen, Mike from Swift Print. We cut print costs for Oak Realty by a "
        "fifth. Can we talk Friday at 10? 816-555-0120.",
        False,
        {},
    ),
    (
        "weak-phrases",
        "Hi Carla, Ben from Pine Ridge. Your clinic's check-in desk wait times "
        "came up. Would Wednesday at 2 work? 720-555-0150.",
        False,
        {},
    ),
    (
        "weak-phrases",
        "Hi Omar, Jill from Crest. I'm following the new flood rules closely and "
        "have one idea for you. Tuesday at 9? 404-555-0190.",
        False,
        {},
    ),
    (
        "weak-phrases",
        "Hi Pete, Wendy from Outback Tours. Guests checking in at your lodge could "
        "book our tours at the desk. Call 03 9999 1111.",
        False,
        {},
    ),
    (
        "weak-phrases",
        "Hi Sue, Ian at Alpha Staffing. We placed nine nurses at Mercy in March. "
        "Would Monday at 10 work? 312-555-0177.",
        False,
        {},
    ),
    # opening: caller name and company within the first 15 words
    ("opening", GOOD, False, {}),
    (
        "opening",
        "Hi Dana, Joe Sampson suggested I call you because your managers spend hours "
        "on employee conflict and we can help. This is Freda from ABC Company.",
        True,
        {},
    ),
    (
        "opening",
        "Hi Dana, I wanted to reach you about conflict training for your managers. "
        "Call 901-555-2120.",
        True,
        {},
    ),
    ("opening", "Hey, it's me again. Call me back.", True, {}),
    (
        "opening",
        "Good morning Mr. Chen, I hope you had a great weekend and that the move to the "
        "new building went smoothly. Sandra from Meridian here.",
        True,
        {},
    ),
    ("opening", "Hi Dana, this is Freda calling about your managers. 901-555-2120.", True, {}),
    (
        "opening",
        "Hello, we have a special offer on office chairs this month only, so call "
        "today. This is Bill from Chair World.",
        True,
        {},
    ),
    ("opening", "Hi Jen, this is Mike Ross from Swift Print. We cut print costs.", False, {}),
    (
        "opening",
        "Hi Carla, Ben Ortiz with Pine Ridge Software here. Quick idea for you.",
        False,
        {},
    ),
    (
        "opening",
        "Good morning Ms. Grant, my name is Paul Young, and I'm with Keystone Bank.",
        False,
        {},
    ),
    ("opening", "Hello Mr. Carter, it's Freda Whitehouse at ABC Company, 901-555-2120.", False, {}),
    ("opening", "Hi Sue, Ian from Alpha Staffing, 312-555-0177.", False, {}),
    # placeholders: leftovers a listener must never hear
    ("placeholders", GOOD, False, {}),
    ("placeholders", "Hi [Name], this is Freda from ABC Company, 901-555-2120.", True, {}),
    ("placeholders", "Hi Dana, this is ___ from ABC Company, 901-555-2120.", True, {}),
    ("placeholders", "Hi {{ prospect.first_name }}, this is Freda from ABC Company.", True, {}),
    ("placeholders", "Hi Dana, Freda from ABC Company. My number is XXX-XXXX.", True, {}),
    ("placeholders", "Hi Dana, Freda from ABC Company at [your number]. Thanks.", True, {}),
    ("placeholders", "Hi {first_name}, Freda from ABC Company, 901-555-2120.", True, {}),
    ("placeholders", "Hi Dana, this is Freda from <COMPANY>, 901-555-2120.", True, {}),
    ("placeholders", "Hi Dana, Freda from ABC Company (2nd call), 901-555-2120.", False, {}),
    ("placeholders", "Hi Dana, it's Freda from ABC Company. It cut costs by 30%.", False, {}),
    ("placeholders", "Hi Dana, Freda from ABC, 901-555-2120 - that's 9 0 1.", False, {}),
    ("placeholders", "Hi Dana, Freda from A&B Company. We're at 12 Main St.", False, {}),
    ("placeholders", "Hi Dana, Freda from ABC. Would Tuesday at 3 or 4 p.m. work?", False, {}),
]
