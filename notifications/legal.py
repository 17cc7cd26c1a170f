"""The legal mentions of the acknowledgement of receipt, per language (DESIGN §6).

Sources: law of 8 July 1976 organising the CPAS, art. 58 § 1 and § 2 as amended by
the law of 29 February 2024 (electronic requests); law of 26 May 2002 on the right
to social integration, art. 18 § 3, 20, 22 § 1 al. 2 and 47; law of 8 July 1976,
art. 71.

Legal texts live here, not in the gettext catalogues: translators must not reword
them. ``quoted`` tells a quotation of the article's words from a summary of it.
Only the texts marked ``quoted`` are the law's own words (French, from the amending
law of 29 February 2024); the other French entries summarise the articles and
must be checked against the consolidated text (Justel) before they are replaced by
quotations. Dutch and German are non-official renderings, English informative.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class LegalText:
    article: str
    text: str
    quoted: bool  # the article's own words (else a summary of it)


@dataclass(frozen=True)
class LegalMentions:
    status: str  # official text, or the kind of translation
    texts: tuple[LegalText, ...]


FR = LegalMentions(
    status="Version française : texte officiel (Moniteur belge).",
    texts=(
        LegalText(
            "Art. 58, § 1er, alinéas 5 et 6, de la loi du 8 juillet 1976 organique des "
            "centres publics d'action sociale",
            "Lorsque la demande est électronique, l'enregistrement de celle-ci équivaut à la "
            "signature.\n"
            "Lorsque la demande électronique est introduite un samedi, un dimanche, ou un "
            "jour férié légal, la date de réception de la demande est le jour ouvrable qui "
            "suit.",
            quoted=True,
        ),
        LegalText(
            "Art. 58, § 2, de la loi du 8 juillet 1976 (dernière phrase)",
            "Lorsque la demande est introduite via le formulaire électronique visé au § 1er, "
            "le demandeur reçoit le même jour un accusé de réception.",
            quoted=True,
        ),
        LegalText(
            "Art. 18, § 3, de la loi du 26 mai 2002 concernant le droit à l'intégration sociale",
            "L'accusé de réception indique le délai dans lequel le centre doit prendre sa "
            "décision (trente jours à compter de la réception de la demande), le droit "
            "d'être entendu (article 20) et l'obligation de communiquer tout élément "
            "nouveau (article 22, § 1er, alinéa 2).",
            quoted=False,
        ),
        LegalText(
            "Art. 20 de la loi du 26 mai 2002",
            "Avant toute décision sur sa demande, le demandeur a le droit d'être entendu par "
            "le centre s'il le demande ; il peut se faire assister ou représenter par une "
            "personne de son choix.",
            quoted=False,
        ),
        LegalText(
            "Art. 22, § 1er, alinéa 2, de la loi du 26 mai 2002",
            "Le demandeur est tenu de communiquer immédiatement au centre tout élément "
            "nouveau susceptible d'avoir une incidence sur l'aide octroyée ou sur son droit.",
            quoted=False,
        ),
        LegalText(
            "Art. 47 de la loi du 26 mai 2002 et art. 71 de la loi du 8 juillet 1976",
            "Un recours contre la décision du centre peut être introduit devant le tribunal "
            "du travail dans les trois mois de sa notification ; en l'absence de décision "
            "dans le délai, le recours est ouvert dans les trois mois de l'expiration de "
            "ce délai.",
            quoted=False,
        ),
    ),
)

NL = LegalMentions(
    status="Niet-officiële vertaling; alleen de Franse en de Nederlandse tekst in het "
    "Belgisch Staatsblad hebben rechtskracht.",
    texts=(
        LegalText(
            "Art. 58, § 1, vijfde en zesde lid, van de organieke wet van 8 juli 1976 "
            "betreffende de openbare centra voor maatschappelijk welzijn",
            "Wanneer de aanvraag elektronisch is, staat de registratie ervan gelijk met de "
            "handtekening.\n"
            "Wanneer de elektronische aanvraag wordt ingediend op een zaterdag, een zondag "
            "of een wettelijke feestdag, is de datum van ontvangst van de aanvraag de "
            "volgende werkdag.",
            quoted=True,
        ),
        LegalText(
            "Art. 58, § 2, van de wet van 8 juli 1976 (laatste zin)",
            "Wanneer de aanvraag wordt ingediend via het elektronisch formulier bedoeld in "
            "§ 1, ontvangt de aanvrager dezelfde dag een ontvangstbewijs.",
            quoted=True,
        ),
        LegalText(
            "Art. 18, § 3, van de wet van 26 mei 2002 betreffende het recht op "
            "maatschappelijke integratie",
            "Het ontvangstbewijs vermeldt de termijn waarbinnen het centrum moet beslissen "
            "(dertig dagen na de ontvangst van de aanvraag), het recht om gehoord te worden "
            "(artikel 20) en de plicht om elk nieuw gegeven mee te delen (artikel 22, § 1, "
            "tweede lid).",
            quoted=False,
        ),
        LegalText(
            "Art. 20 van de wet van 26 mei 2002",
            "Vóór elke beslissing over zijn aanvraag heeft de aanvrager het recht om, op zijn "
            "verzoek, door het centrum gehoord te worden; hij kan zich laten bijstaan of "
            "vertegenwoordigen door een persoon naar keuze.",
            quoted=False,
        ),
        LegalText(
            "Art. 22, § 1, tweede lid, van de wet van 26 mei 2002",
            "De aanvrager moet het centrum onmiddellijk elk nieuw gegeven meedelen dat een "
            "invloed kan hebben op de toegekende hulp of op zijn recht.",
            quoted=False,
        ),
        LegalText(
            "Art. 47 van de wet van 26 mei 2002 en art. 71 van de wet van 8 juli 1976",
            "Tegen de beslissing van het centrum kan beroep worden ingesteld bij de "
            "arbeidsrechtbank binnen drie maanden na de kennisgeving ervan; als er binnen "
            "de termijn geen beslissing is, binnen drie maanden na het verstrijken van die "
            "termijn.",
            quoted=False,
        ),
    ),
)

DE = LegalMentions(
    status="Nicht amtliche Übersetzung; rechtsverbindlich ist der im Belgischen Staatsblatt "
    "veröffentlichte Text.",
    texts=(
        LegalText(
            "Art. 58 § 1 Absätze 5 und 6 des Grundlagengesetzes vom 8. Juli 1976 über die "
            "öffentlichen Sozialhilfezentren",
            "Wird der Antrag elektronisch gestellt, gilt seine Registrierung als Unterschrift.\n"
            "Wird der elektronische Antrag an einem Samstag, Sonntag oder gesetzlichen "
            "Feiertag gestellt, ist das Eingangsdatum des Antrags der darauf folgende "
            "Werktag.",
            quoted=True,
        ),
        LegalText(
            "Art. 58 § 2 des Gesetzes vom 8. Juli 1976 (letzter Satz)",
            "Wird der Antrag über das in § 1 erwähnte elektronische Formular gestellt, erhält "
            "der Antragsteller am selben Tag eine Empfangsbestätigung.",
            quoted=True,
        ),
        LegalText(
            "Art. 18 § 3 des Gesetzes vom 26. Mai 2002 über das Recht auf soziale Eingliederung",
            "Die Empfangsbestätigung gibt die Frist an, innerhalb deren das Zentrum "
            "entscheiden muss (dreißig Tage ab Eingang des Antrags), das Recht, angehört zu "
            "werden (Artikel 20), und die Pflicht, jede neue Gegebenheit mitzuteilen "
            "(Artikel 22 § 1 Absatz 2).",
            quoted=False,
        ),
        LegalText(
            "Art. 20 des Gesetzes vom 26. Mai 2002",
            "Vor jeder Entscheidung über seinen Antrag hat der Antragsteller das Recht, auf "
            "seinen Wunsch vom Zentrum angehört zu werden; er kann sich von einer Person "
            "seiner Wahl beistehen oder vertreten lassen.",
            quoted=False,
        ),
        LegalText(
            "Art. 22 § 1 Absatz 2 des Gesetzes vom 26. Mai 2002",
            "Der Antragsteller muss dem Zentrum unverzüglich jede neue Gegebenheit mitteilen, "
            "die sich auf die gewährte Hilfe oder auf sein Recht auswirken kann.",
            quoted=False,
        ),
        LegalText(
            "Art. 47 des Gesetzes vom 26. Mai 2002 und Art. 71 des Gesetzes vom 8. Juli 1976",
            "Gegen die Entscheidung des Zentrums kann innerhalb von drei Monaten nach ihrer "
            "Notifizierung Beschwerde beim Arbeitsgericht eingelegt werden; ergeht innerhalb "
            "der Frist keine Entscheidung, innerhalb von drei Monaten nach Ablauf dieser "
            "Frist.",
            quoted=False,
        ),
    ),
)

EN = LegalMentions(
    status="Informative translation only: the French, Dutch and German texts published in "
    "the Belgian Official Gazette are the law.",
    texts=(
        LegalText(
            "Art. 58 § 1 paragraphs 5 and 6 of the law of 8 July 1976 organising the public "
            "centres for social welfare",
            "When the request is electronic, its registration is equivalent to a signature.\n"
            "When the electronic request is filed on a Saturday, a Sunday or a legal public "
            "holiday, the date of reception of the request is the next working day.",
            quoted=True,
        ),
        LegalText(
            "Art. 58 § 2 of the law of 8 July 1976 (last sentence)",
            "When the request is filed through the electronic form referred to in § 1, the "
            "applicant receives an acknowledgement of receipt the same day.",
            quoted=True,
        ),
        LegalText(
            "Art. 18 § 3 of the law of 26 May 2002 on the right to social integration",
            "The acknowledgement states the period within which the centre must decide "
            "(thirty days from the reception of the request), the right to be heard "
            "(article 20) and the duty to report any new element (article 22 § 1 "
            "paragraph 2).",
            quoted=False,
        ),
        LegalText(
            "Art. 20 of the law of 26 May 2002",
            "Before any decision on the request, the applicant has the right to be heard by "
            "the centre if they ask; they may be assisted or represented by a person of their "
            "choice.",
            quoted=False,
        ),
        LegalText(
            "Art. 22 § 1 paragraph 2 of the law of 26 May 2002",
            "The applicant must tell the centre at once of any new element that may affect "
            "the aid granted or their right to it.",
            quoted=False,
        ),
        LegalText(
            "Art. 47 of the law of 26 May 2002 and art. 71 of the law of 8 July 1976",
            "An appeal against the centre's decision may be lodged with the labour court "
            "within three months of its notification; when no decision is taken in time, "
            "within three months of the end of that period.",
            quoted=False,
        ),
    ),
)

LEGAL_MENTIONS = {"fr": FR, "nl": NL, "de": DE, "en": EN}


def legal_mentions(language: str) -> LegalMentions:
    return LEGAL_MENTIONS.get(language, FR)
