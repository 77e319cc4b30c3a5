# Begriffe der Genesungsliteratur: „Treffen“ (Meeting), „online“.

## Ankündigungen

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
shift = { $time } ab { $date }
shift-day = { $time } ({ $day }) ab { $date }
starts = Beginnt am { $date }
ends = Endet am { $date }
join = Teilnehmen
phone = Telefon
join-online = Online teilnehmen

## Die Regel eines Treffens

rule-weekly = jeden { $day } um { $when }
rule-every = alle { $weeks } Wochen am { $day } um { $when }
rule-monthly-weekday = am { $nth ->
    [first] ersten
    [second] zweiten
    [third] dritten
    [fourth] vierten
    [fifth] fünften
   *[last] letzten
} { $day } jedes Monats um { $when }
rule-pattern = nach einem { $frequency ->
    [daily] täglichen
    [weekly] wöchentlichen
    [yearly] jährlichen
   *[monthly] monatlichen
} Rhythmus um { $when } (der Kalender nennt die Termine)

## Was eine Änderung bewirkt

change-reschedule = ab { $date }: { $after } statt { $before }
change-cancel = kein Treffen am { $date }
change-move = das Treffen vom { $date } wird verlegt auf { $to }
change-extra = ein zusätzliches Treffen am { $at }
change-end = keine Treffen mehr ab { $date }
minutes-long = { $minutes ->
    [one] , { $minutes } Minute lang
   *[other] , { $minutes } Minuten lang
}
no-changes = keine Änderungen
announced = angekündigt am { $date }
date-at-time = { $date } um { $time } { $zone }

## Die Seite der Treffen

language-name = Deutsch
page-language = Sprache
page-times-shown = Die Zeiten sind angegeben in
page-nojs = Schalten Sie JavaScript ein, um sie in Ihrer eigenen Zeitzone zu sehen.
page-zone-field = Zeiten in dieser Zeitzone zeigen
page-show = Zeigen
page-my-zone = Meine Zeitzone
page-next = Nächste Treffen
page-next-weeks = Die nächsten { $weeks } Wochen ab { $date }. Die eigene Zeit jedes Treffens steht in Klammern.
page-in-progress = Läuft gerade
page-first = Erstes Treffen
page-add = Zu meinem Kalender hinzufügen
page-no-sessions = Keine Treffen in diesen Wochen.
page-more = Und { $more } weitere Treffen in diesen Wochen: Abonnieren Sie unten, um alle zu sehen.
page-every-week = Jede Woche
page-groups = Gruppen
page-subscribe-heading = Zu Ihrem Kalender hinzufügen
page-subscribe-text = Ein Abonnement hält sich selbst aktuell, wenn sich der Plan ändert.
page-subscribe = { $name } abonnieren
page-all-meetings = Alle Treffen
page-address = Adresse zum Kopieren
page-published = Veröffentlicht { $stamp } von convenor.
page-not-understood = Die Zeitzone „{ $text }“ wurde nicht verstanden. Versuchen Sie eine Stadt oder einen Namen wie Europe/London.
page-showing = Angezeigt: { $zone }.
page-cancelled = Kein Treffen am { $date }
page-moved = Verlegt vom { $date }
page-extra = Zusätzliches Treffen
page-filters = Treffen filtern
page-filter-day = Tag
page-filter-mode = Online oder vor Ort
page-filter-online = Online
page-filter-in-person = Vor Ort
page-filter-tags = Merkmale (Treffen mit allen angekreuzten)
page-filter-group = Gruppe
page-filter-all-groups = Alle Gruppen
page-filter-reset = Alle zeigen
page-filter-count = { $shown } von { $total } Treffen angezeigt
page-filter-none = Keine Treffen passen zu diesen Filtern.
page-group-page = Alle Treffen von { $group }, auf der Seite der Gruppe
page-more-site = Und { $more } weitere Treffen in diesen Wochen: Die Seite jeder Gruppe zeigt alle ihre Treffen, oder abonnieren Sie unten, um alle zu sehen.

## Regeln nach ihrer Wiederholung, und die Sätze der Feeds (Meeting-
## Guide-Notizen, Kalenderbeschreibungen, Erinnerungen)

list-comma = { $first }, { $rest }
list-and = { $first } und { $last }
rule-daily = { $days ->
    [1] täglich
   *[other] alle { $days } Tage
} um { $when }
rule-weekly-days = { $weeks ->
    [1] jeden { $days }
   *[other] alle { $weeks } Wochen am { $days }
} um { $when }
nth-weekday = { $nth ->
    [first] ersten
    [second] zweiten
    [third] dritten
    [fourth] vierten
    [fifth] fünften
    [second-last] vorletzten
    [third-last] drittletzten
    [fourth-last] viertletzten
    [fifth-last] fünftletzten
   *[last] letzten
}
rule-monthly-nth = { $months ->
    [1] am { $which } { $day } jedes Monats
   *[other] alle { $months } Monate am { $which } { $day }
} um { $when }
day-of-month = { $day }.
last-day-of-month = { $nth ->
    [second-last] vorletzten Tag
    [third-last] drittletzten Tag
    [fourth-last] viertletzten Tag
    [fifth-last] fünftletzten Tag
    [nth-last] { $n }.-letzten Tag
   *[last] letzten Tag
}
rule-monthly-day = { $months ->
    [1] am { $nth } jedes Monats
   *[other] alle { $months } Monate am { $nth }
} um { $when }
rule-yearly = jedes Jahr am { $date } um { $when }
notes-starts = Beginnt am { $date }
notes-every-weeks = Alle { $weeks } Wochen, nicht jede Woche; nächste Termine: { $dates }
notes-no-meetings-after = Keine Treffen nach dem { $plain }
notes-ends-next-day = Endet um { $time } { $zone }, am nächsten Tag
notes-cancel = { $date }: kein Treffen
notes-back-on = { $text }, wieder am { $date }
notes-move = { $date }: verlegt auf { $to }
notes-extra = { $date }: zusätzliches Treffen um { $when }
notes-reschedule = Ab { $date }: { $after } statt { $before }
notes-end = Ab { $date }: keine Treffen mehr
notes-with-note = { $text } ({ $note })
ical-convenors = Leitung: { $names }
ical-join = Teilnehmen: { $url }
ical-phone = Telefon: { $phone }
ical-tags = Schlagwörter: { $tags }
reminder = { $name } beginnt in { $before }
reminder-link = { $name } beginnt in { $before }: { $url }
reminder-hours = { $hours ->
    [one] { $hours } Stunde
   *[other] { $hours } Stunden
}
reminder-minutes = { $minutes ->
    [one] { $minutes } Minute
   *[other] { $minutes } Minuten
}
reminder-hours-minutes = { $hours } und { $minutes }
atom-changes = { $name }: Änderungen
