# Termer ur tillfrisknandelitteraturen och TSML UI: ”möte”, ”online”.

## Meddelanden

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
shift = { $time } från { $date }
shift-day = { $time } ({ $day }) från { $date }
starts = Börjar { $date }
ends = Slutar { $date }
join = Delta
phone = Telefon
join-online = Delta online

## Ett mötes regel

rule-weekly = varje { $day } kl. { $when }
rule-every = med { $weeks } veckors mellanrum på { $day } kl. { $when }
# Veckodagarna slutar på "dag": i bestämd form "dagen".
rule-monthly-weekday = { $nth ->
    [first] den första
    [second] den andra
    [third] den tredje
    [fourth] den fjärde
    [fifth] den femte
   *[last] den sista
} { $day }en varje månad kl. { $when }
rule-pattern = enligt ett { $frequency ->
    [daily] dagligt
    [weekly] veckovist
    [yearly] årligt
   *[monthly] månatligt
} schema kl. { $when } (kalendern visar datumen)

## Vad en ändring gör

change-reschedule = från { $date }: { $after } i stället för { $before }
change-cancel = inget möte { $date }
change-move = mötet { $date } flyttas till { $to }
change-extra = ett extra möte { $at }
change-end = inga fler möten från { $date }
minutes-long = { $minutes ->
    [one] , { $minutes } minut långt
   *[other] , { $minutes } minuter långt
}
no-changes = inga ändringar
announced = meddelat { $date }
date-at-time = { $date } kl. { $time } { $zone }

## Sidan med möten

language-name = Svenska
page-language = Språk
page-times-shown = Tiderna visas i
page-nojs = Slå på JavaScript för att se dem i din egen tidszon.
page-zone-field = Visa tider i tidszon
page-show = Visa
page-my-zone = Min tidszon
page-next = Kommande möten
page-next-weeks = De kommande { $weeks } veckorna från { $date }. Varje mötes egen tid står inom parentes.
page-in-progress = Pågår
page-first = Första mötet
page-add = Lägg till i min kalender
page-no-sessions = Inga möten under dessa veckor.
page-more = Och { $more } möten till under dessa veckor: prenumerera nedan för att se alla.
page-every-week = Varje vecka
page-groups = Grupper
page-subscribe-heading = Lägg till i din kalender
page-subscribe-text = En prenumeration håller sig själv uppdaterad när schemat ändras.
page-subscribe = Prenumerera på { $name }
page-all-meetings = alla möten
page-address = adress att kopiera
page-published = Publicerad { $stamp } av convenor.
page-not-understood = Tidszonen ”{ $text }” förstods inte. Försök med en stad eller ett namn som Europe/London.
page-showing = Visar { $zone }.
page-cancelled = Inget möte { $date }
page-moved = Flyttat från { $date }
page-extra = Extra möte
page-filters = Filtrera möten
page-filter-day = Dag
page-filter-mode = Online eller på plats
page-filter-online = Online
page-filter-in-person = På plats
page-filter-tags = Taggar (möten med alla markerade)
page-filter-group = Grupp
page-filter-all-groups = Alla grupper
page-filter-reset = Visa alla
page-filter-count = { $shown } av { $total ->
    [one] { $total } möte
   *[other] { $total } möten
} visas
page-filter-none = Inga möten matchar dessa filter.
page-group-page = Alla möten i { $group }, på gruppens egen sida
page-more-site = Och { $more } möten till under dessa veckor: varje grupps sida visar alla dess möten, eller prenumerera nedan för att se alla.

## Regler efter hur de upprepas, och flödenas meningar (Meeting
## Guide-anteckningar, kalenderbeskrivningar, påminnelser)

list-comma = { $first }, { $rest }
list-and = { $first } och { $last }
rule-daily = { $days ->
    [1] varje dag
   *[other] med { $days } dagars mellanrum
} kl. { $when }
rule-weekly-days = { $weeks ->
    [1] varje { $days }
   *[other] med { $weeks } veckors mellanrum på { $days }
} kl. { $when }
nth-weekday = { $nth ->
    [first] första
    [second] andra
    [third] tredje
    [fourth] fjärde
    [fifth] femte
    [second-last] näst sista
    [third-last] tredje sista
    [fourth-last] fjärde sista
    [fifth-last] femte sista
   *[last] sista
}
# Veckodagarna slutar på "dag": i bestämd form "dagen".
rule-monthly-nth = { $months ->
    [1] den { $which } { $day }en varje månad
   *[other] med { $months } månaders mellanrum den { $which } { $day }en
} kl. { $when }
day-of-month = { NUMBER($day, type: "ordinal") ->
    [one] { $day }:a
   *[other] { $day }:e
}
last-day-of-month = { $nth ->
    [second-last] näst sista dagen
    [third-last] tredje sista dagen
    [fourth-last] fjärde sista dagen
    [fifth-last] femte sista dagen
    [nth-last] { NUMBER($n, type: "ordinal") ->
        [one] { $n }:a
       *[other] { $n }:e
    } dagen från slutet
   *[last] sista dagen
}
rule-monthly-day = { $months ->
    [1] den { $nth } varje månad
   *[other] med { $months } månaders mellanrum den { $nth }
} kl. { $when }
rule-yearly = varje år den { $date } kl. { $when }
notes-starts = Börjar { $date }
notes-every-weeks = Med { $weeks } veckors mellanrum, inte varje vecka; nästa: { $dates }
notes-no-meetings-after = Inga möten efter { $plain }
notes-ends-next-day = Slutar kl. { $time } { $zone }, nästa dag
notes-cancel = { $date }: inget möte
notes-back-on = { $text }; nästa möte { $date }
notes-move = { $date }: flyttas till { $to }
notes-extra = { $date }: extra möte kl. { $when }
notes-reschedule = Från och med { $plain }: { $after } i stället för { $before }
notes-end = Från och med { $plain }: inga fler möten
notes-with-note = { $text } ({ $note })
ical-convenors = Mötesledare: { $names }
ical-join = Delta: { $url }
ical-phone = Telefon: { $phone }
ical-tags = Taggar: { $tags }
reminder = { $name } börjar om { $before }
reminder-link = { $name } börjar om { $before }: { $url }
reminder-hours = { $hours ->
    [one] { $hours } timme
   *[other] { $hours } timmar
}
reminder-minutes = { $minutes ->
    [one] { $minutes } minut
   *[other] { $minutes } minuter
}
reminder-hours-minutes = { $hours } och { $minutes }
atom-changes = { $name }: ändringar
