# Termíny z literatúry zotavenia a TSML UI: „stretnutie“, „online“.

## Oznámenia

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
shift = { $time } od { $date }
shift-day = { $time } ({ $day }) od { $date }
starts = Začína { $date }
ends = Končí { $date }
join = Pripojiť sa
phone = Telefón
join-online = Pripojiť sa online

## Pravidlo stretnutia

rule-weekly = každý týždeň, { $day } o { $when }
rule-every = { $weeks ->
    [few] každé { $weeks } týždne, { $day } o { $when }
   *[other] každých { $weeks } týždňov, { $day } o { $when }
}
# Nedeľa, streda a sobota sú ženského rodu, ostatné dni mužského.
rule-monthly-weekday = každý mesiac, { $nth ->
    [first] 1.
    [second] 2.
    [third] 3.
    [fourth] 4.
    [fifth] 5.
   *[last] { $weekday ->
        [sun] posledná
        [wed] posledná
        [sat] posledná
       *[other] posledný
    }
} { $day } o { $when }
rule-pattern = podľa { $frequency ->
    [daily] denného
    [weekly] týždenného
    [yearly] ročného
   *[monthly] mesačného
} rozpisu o { $when } (termíny sú v kalendári)

## Čo zmena robí

change-reschedule = od { $date }: { $after } namiesto { $before }
change-cancel = žiadne stretnutie { $date }
change-move = stretnutie { $date } sa presúva na { $to }
change-extra = stretnutie navyše { $at }
change-end = žiadne ďalšie stretnutia od { $date }
minutes-long = { $minutes ->
    [one] , { $minutes } minúta
    [few] , { $minutes } minúty
   *[other] , { $minutes } minút
}
no-changes = žiadne zmeny
announced = oznámené { $date }
date-at-time = { $date } o { $time } { $zone }

## Stránka stretnutí

language-name = Slovenčina
page-language = Jazyk
page-times-shown = Časy sú uvedené v pásme
page-nojs = Zapnite JavaScript, aby ste ich videli vo svojom časovom pásme.
page-zone-field = Zobraziť časy v časovom pásme
page-show = Zobraziť
page-my-zone = Moje časové pásmo
page-next = Najbližšie stretnutia
page-next-weeks = Nasledujúce týždne ({ $weeks }) od { $date }. Vlastný čas každého stretnutia je v zátvorkách.
page-in-progress = Prebieha
page-first = Prvé stretnutie
page-add = Pridať do môjho kalendára
page-no-sessions = V týchto týždňoch nie sú žiadne stretnutia.
page-more = A ďalšie stretnutia v týchto týždňoch ({ $more }): prihláste sa na odber nižšie a uvidíte všetky.
page-every-week = Každý týždeň
page-groups = Skupiny
page-subscribe-heading = Pridať do vášho kalendára
page-subscribe-text = Odber sa sám aktualizuje, keď sa rozvrh zmení.
page-subscribe = Odoberať { $name }
page-all-meetings = všetky stretnutia
page-address = adresa na skopírovanie
page-published = Zverejnené { $stamp } programom convenor.
page-not-understood = Časové pásmo „{ $text }“ nebolo rozpoznané. Skúste mesto alebo názov ako Europe/London.
page-showing = Zobrazené: { $zone }.
page-cancelled = Žiadne stretnutie { $date }
page-moved = Presunuté z { $date }
page-extra = Stretnutie navyše
page-filters = Filtrovať stretnutia
page-filter-day = Deň
page-filter-mode = Online alebo osobne
page-filter-online = Online
page-filter-in-person = Osobne
page-filter-tags = Značky (stretnutia so všetkými označenými)
page-filter-group = Skupina
page-filter-all-groups = Všetky skupiny
page-filter-reset = Zobraziť všetky
page-filter-count = { $shown ->
    [few] Zobrazujú sa
   *[other] Zobrazuje sa
} { $shown } z { $total ->
    [one] { $total } stretnutia
   *[other] { $total } stretnutí
}
page-filter-none = Týmto filtrom nezodpovedajú žiadne stretnutia.
page-group-page = Všetky stretnutia skupiny { $group } na stránke skupiny
page-more-site = A ďalšie stretnutia v týchto týždňoch ({ $more }): stránka každej skupiny ukazuje všetky jej stretnutia, alebo sa prihláste na odber nižšie a uvidíte všetky.

## Pravidlá podľa opakovania a vety kanálov (poznámky Meeting Guide,
## popisy v kalendári, pripomienky)

list-comma = { $first }, { $rest }
list-and = { $first } a { $last }
rule-daily = { $days ->
    [1] každý deň
    [few] každé { $days } dni
   *[other] každých { $days } dní
} o { $when }
rule-weekly-days = { $weeks ->
    [1] každý týždeň
    [few] každé { $weeks } týždne
   *[other] každých { $weeks } týždňov
}, { $days } o { $when }
# Nedeľa, streda a sobota sú ženského rodu, ostatné dni mužského.
nth-weekday = { $nth ->
    [first] 1.
    [second] 2.
    [third] 3.
    [fourth] 4.
    [fifth] 5.
    [second-last] { $weekday ->
        [sun] predposledná
        [wed] predposledná
        [sat] predposledná
       *[other] predposledný
    }
    [third-last] { $weekday ->
        [sun] predpredposledná
        [wed] predpredposledná
        [sat] predpredposledná
       *[other] predpredposledný
    }
    [fourth-last] { $weekday ->
        [sun] štvrtá od konca
        [wed] štvrtá od konca
        [sat] štvrtá od konca
       *[other] štvrtý od konca
    }
    [fifth-last] { $weekday ->
        [sun] piata od konca
        [wed] piata od konca
        [sat] piata od konca
       *[other] piaty od konca
    }
   *[last] { $weekday ->
        [sun] posledná
        [wed] posledná
        [sat] posledná
       *[other] posledný
    }
}
rule-monthly-nth = { $months ->
    [1] každý mesiac
    [few] každé { $months } mesiace
   *[other] každých { $months } mesiacov
}, { $which } { $day } o { $when }
day-of-month = { $day }. deň
last-day-of-month = { $nth ->
    [second-last] predposledný deň
    [third-last] tretí deň od konca
    [fourth-last] štvrtý deň od konca
    [fifth-last] piaty deň od konca
    [nth-last] { $n }. deň od konca
   *[last] posledný deň
}
rule-monthly-day = { $months ->
    [1] každý mesiac
    [few] každé { $months } mesiace
   *[other] každých { $months } mesiacov
}, { $nth } o { $when }
rule-yearly = každý rok { $date } o { $when }
notes-starts = Začína { $plain }
notes-every-weeks = { $weeks ->
    [few] Každé { $weeks } týždne
   *[other] Každých { $weeks } týždňov
}, nie každý týždeň; najbližšie termíny: { $dates }
notes-no-meetings-after = Žiadne stretnutia po dátume { $plain }
notes-ends-next-day = Končí o { $time } { $zone }, nasledujúci deň
# Dátum na začiatku riadku v nominatíve („sobota 26. novembra“); po
# „od“ bez dňa v týždni ($plain), aby nebol potrebný genitív.
notes-cancel = { $date }: stretnutie nebude
notes-back-on = { $text }; ďalšie stretnutie: { $date }
notes-move = { $date }: nový termín { $to }
notes-extra = { $date }: stretnutie navyše o { $when }
notes-reschedule = Od { $plain }: { $after } namiesto { $before }
notes-end = Od { $plain }: žiadne ďalšie stretnutia
notes-with-note = { $text } ({ $note })
ical-convenors = Vedúci stretnutia: { $names }
ical-join = Pripojiť sa: { $url }
ical-phone = Telefón: { $phone }
ical-tags = Štítky: { $tags }
reminder = { $name } začína o { $before }
reminder-link = { $name } začína o { $before }: { $url }
# Po „o“ akuzatív: o 1 hodinu, o 2 hodiny, o 5 hodín.
reminder-hours = { $hours ->
    [one] { $hours } hodinu
    [few] { $hours } hodiny
   *[other] { $hours } hodín
}
reminder-minutes = { $minutes ->
    [one] { $minutes } minútu
    [few] { $minutes } minúty
   *[other] { $minutes } minút
}
reminder-hours-minutes = { $hours } a { $minutes }
atom-changes = { $name }: zmeny
