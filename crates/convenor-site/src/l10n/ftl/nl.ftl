# Termen uit de herstelliteratuur en TSML UI: „meeting”, „online”.

## Aankondigingen

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
shift = { $time } vanaf { $date }
shift-day = { $time } ({ $day }) vanaf { $date }
starts = Begint op { $date }
ends = Eindigt op { $date }
join = Deelnemen
phone = Telefoon
join-online = Online deelnemen

## De regel van een meeting

rule-weekly = elke { $day } om { $when }
rule-every = om de { $weeks } weken op { $day } om { $when }
rule-monthly-weekday = elke { $nth ->
    [first] eerste
    [second] tweede
    [third] derde
    [fourth] vierde
    [fifth] vijfde
   *[last] laatste
} { $day } van de maand om { $when }
rule-pattern = volgens een { $frequency ->
    [daily] dagelijks
    [weekly] wekelijks
    [yearly] jaarlijks
   *[monthly] maandelijks
} patroon om { $when } (de kalender noemt de data)

## Wat een wijziging doet

change-reschedule = vanaf { $date }: { $after } in plaats van { $before }
change-cancel = geen meeting op { $date }
change-move = de meeting van { $date } wordt verplaatst naar { $to }
change-extra = een extra meeting op { $at }
change-end = geen meetings meer vanaf { $date }
minutes-long = { $minutes ->
    [one] , { $minutes } minuut lang
   *[other] , { $minutes } minuten lang
}
no-changes = geen wijzigingen
announced = aangekondigd op { $date }
date-at-time = { $date } om { $time } { $zone }

## De pagina met meetings

language-name = Nederlands
page-language = Taal
page-times-shown = Tijden worden getoond in
page-nojs = Zet JavaScript aan om ze in uw eigen tijdzone te zien.
page-zone-field = Tijden tonen in tijdzone
page-show = Tonen
page-my-zone = Mijn tijdzone
page-next = Volgende meetings
page-next-weeks = De komende { $weeks } weken vanaf { $date }. De eigen tijd van elke meeting staat tussen haakjes.
page-in-progress = Bezig
page-first = Eerste meeting
page-add = Toevoegen aan mijn agenda
page-no-sessions = Geen meetings in deze weken.
page-more = En nog { $more } meetings in deze weken: abonneer hieronder om ze allemaal te zien.
page-every-week = Elke week
page-groups = Groepen
page-subscribe-heading = Toevoegen aan uw agenda
page-subscribe-text = Een abonnement werkt zichzelf bij als het rooster verandert.
page-subscribe = Abonneren op { $name }
page-all-meetings = alle meetings
page-address = adres om te kopiëren
page-published = Gepubliceerd { $stamp } door convenor.
page-not-understood = De tijdzone „{ $text }” werd niet begrepen. Probeer een stad of een naam zoals Europe/London.
page-showing = Getoond: { $zone }.
page-cancelled = Geen meeting op { $date }
page-moved = Verplaatst van { $date }
page-extra = Extra meeting
page-filters = Meetings filteren
page-filter-day = Dag
page-filter-mode = Online of fysiek
page-filter-online = Online
page-filter-in-person = Fysiek
page-filter-tags = Labels (meetings met alle aangevinkte)
page-filter-group = Groep
page-filter-all-groups = Alle groepen
page-filter-reset = Alles tonen
page-filter-count = { $shown } van { $total ->
    [one] { $total } meeting
   *[other] { $total } meetings
} getoond
page-filter-none = Geen meetings voldoen aan deze filters.
page-group-page = Alle meetings van { $group }, op de pagina van de groep
page-more-site = En nog { $more } meetings in deze weken: de pagina van elke groep toont al haar meetings, of abonneer hieronder om ze allemaal te zien.

## Regels naar hun herhaling, en de zinnen van de feeds (Meeting
## Guide-notities, agendabeschrijvingen, herinneringen)

list-comma = { $first }, { $rest }
list-and = { $first } en { $last }
rule-daily = { $days ->
    [1] elke dag
   *[other] om de { $days } dagen
} om { $when }
rule-weekly-days = { $weeks ->
    [1] elke { $days }
   *[other] om de { $weeks } weken op { $days }
} om { $when }
nth-weekday = { $nth ->
    [first] eerste
    [second] tweede
    [third] derde
    [fourth] vierde
    [fifth] vijfde
    [second-last] voorlaatste
    [third-last] op twee na laatste
    [fourth-last] op drie na laatste
    [fifth-last] op vier na laatste
   *[last] laatste
}
rule-monthly-nth = { $months ->
    [1] elke { $which } { $day } van de maand
   *[other] om de { $months } maanden op de { $which } { $day }
} om { $when }
day-of-month = { $day }e
last-day-of-month = { $nth ->
    [second-last] voorlaatste dag
    [third-last] op twee na laatste dag
    [fourth-last] op drie na laatste dag
    [fifth-last] op vier na laatste dag
    [nth-last] { $n }e dag van achteren
   *[last] laatste dag
}
rule-monthly-day = { $months ->
    [1] op de { $nth } van elke maand
   *[other] om de { $months } maanden op de { $nth }
} om { $when }
rule-yearly = elk jaar op { $date } om { $when }
notes-starts = Begint op { $date }
notes-every-weeks = Om de { $weeks } weken, niet elke week; volgende data: { $dates }
notes-no-meetings-after = Geen meetings meer na { $date }
notes-ends-next-day = Eindigt om { $time } { $zone }, de volgende dag
notes-cancel = { $date }: geen meeting
notes-back-on = { $text }, weer op { $date }
notes-move = { $date }: verplaatst naar { $to }
notes-extra = { $date }: extra meeting om { $when }
notes-reschedule = Vanaf { $date }: { $after } in plaats van { $before }
notes-end = Vanaf { $date }: geen meetings meer
notes-with-note = { $text } ({ $note })
ical-convenors = Gespreksleiding: { $names }
ical-join = Deelnemen: { $url }
ical-phone = Telefoon: { $phone }
ical-tags = Labels: { $tags }
reminder = { $name } begint over { $before }
reminder-link = { $name } begint over { $before }: { $url }
reminder-hours = { $hours } uur
reminder-minutes = { $minutes ->
    [one] { $minutes } minuut
   *[other] { $minutes } minuten
}
reminder-hours-minutes = { $hours } en { $minutes }
atom-changes = { $name }: wijzigingen
