# Termes de la littérature de rétablissement et de TSML UI : « réunion ».

## Annonces

line-weekly = { $day } : { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
shift = { $time } à partir du { $date }
shift-day = { $time } ({ $day }) à partir du { $date }
starts = Commence le { $date }
ends = Se termine le { $date }
join = Rejoindre
phone = Téléphone
join-online = Rejoindre en ligne

## La règle d’une réunion

rule-weekly = chaque { $day } à { $when }
rule-every = toutes les { $weeks } semaines, le { $day } à { $when }
rule-monthly-weekday = le { $nth ->
    [first] premier
    [second] deuxième
    [third] troisième
    [fourth] quatrième
    [fifth] cinquième
   *[last] dernier
} { $day } de chaque mois à { $when }
rule-pattern = selon un rythme { $frequency ->
    [daily] quotidien
    [weekly] hebdomadaire
    [yearly] annuel
   *[monthly] mensuel
} à { $when } (le calendrier indique les dates)

## Ce que fait un changement

change-reschedule = à partir du { $date }, { $after } au lieu de { $before }
change-cancel = pas de réunion le { $date }
change-move = la réunion du { $date } est déplacée au { $to }
change-extra = une réunion supplémentaire le { $at }
change-end = plus de réunions à partir du { $date }
minutes-long = { $minutes ->
    [one] , d’une durée de { $minutes } minute
   *[other] , d’une durée de { $minutes } minutes
}
no-changes = aucun changement
announced = annoncé le { $date }
date-at-time = { $date } à { $time } { $zone }

## La page des réunions

language-name = Français
page-language = Langue
page-times-shown = Les heures sont indiquées en
page-nojs = Activez JavaScript pour les voir dans votre propre fuseau horaire.
page-zone-field = Afficher les heures dans le fuseau horaire
page-show = Afficher
page-my-zone = Mon fuseau horaire
page-next = Prochaines réunions
page-next-weeks = Les { $weeks } prochaines semaines à partir du { $date }. L’heure propre à chaque réunion est entre parenthèses.
page-in-progress = En cours
page-first = Première réunion
page-add = Ajouter à mon calendrier
page-no-sessions = Aucune réunion ces semaines-ci.
page-more = Et { $more } autres réunions ces semaines-ci : abonnez-vous ci-dessous pour les voir toutes.
page-every-week = Chaque semaine
page-groups = Groupes
page-subscribe-heading = Ajouter à votre calendrier
page-subscribe-text = Un abonnement se met à jour tout seul quand l’horaire change.
page-subscribe = S’abonner à { $name }
page-all-meetings = toutes les réunions
page-address = adresse à copier
page-published = Publié le { $stamp } par convenor.
page-not-understood = Fuseau horaire « { $text } » non compris. Essayez une ville ou un nom comme Europe/London.
page-showing = Affichage : { $zone }.
page-cancelled = Pas de réunion le { $date }
page-moved = Déplacée du { $date }
page-extra = Réunion supplémentaire
page-filters = Filtrer les réunions
page-filter-day = Jour
page-filter-mode = En ligne ou en personne
page-filter-online = En ligne
page-filter-in-person = En personne
page-filter-tags = Étiquettes (réunions ayant toutes celles cochées)
page-filter-group = Groupe
page-filter-all-groups = Tous les groupes
page-filter-reset = Tout afficher
page-filter-count = { $shown ->
    [one] { $shown } réunion affichée
   *[other] { $shown } réunions affichées
} sur { $total }
page-filter-none = Aucune réunion ne correspond à ces filtres.
page-group-page = Toutes les réunions de { $group }, sur la page du groupe
page-more-site = Et { $more } autres réunions ces semaines-ci : la page de chaque groupe montre toutes les siennes, ou abonnez-vous ci-dessous pour les voir toutes.

## Règles selon leur récurrence, et les phrases des flux (notes Meeting
## Guide, descriptions du calendrier, rappels)

list-comma = { $first }, { $rest }
list-and = { $first } et { $last }
rule-daily = { $days ->
    [1] tous les jours
   *[other] tous les { $days } jours
} à { $when }
rule-weekly-days = { $weeks ->
    [1] chaque { $days }
   *[other] toutes les { $weeks } semaines, le { $days },
} à { $when }
nth-weekday = { $full ->
    [yes] { $nth ->
        [first] le premier { $day }
        [second] le deuxième { $day }
        [third] le troisième { $day }
        [fourth] le quatrième { $day }
        [fifth] le cinquième { $day }
        [second-last] l’avant-dernier { $day }
        [third-last] l’antépénultième { $day }
        [fourth-last] le quatrième { $day } en partant de la fin
        [fifth-last] le cinquième { $day } en partant de la fin
       *[last] le dernier { $day }
    }
   *[other] { $nth ->
        [first] premier
        [second] deuxième
        [third] troisième
        [fourth] quatrième
        [fifth] cinquième
        [second-last] avant-dernier
        [third-last] antépénultième
        [fourth-last] quatrième en partant de la fin
        [fifth-last] cinquième en partant de la fin
       *[last] dernier
    }
}
# « l’ » devant « avant-dernier », « antépénultième » ($nth : le premier
# de la liste). $from-end vaut « yes » quand un jour est compté loin de la
# fin (le quatrième ou le cinquième en partant de la fin) : alors
# $which-full, chaque jour avec son nom (« le quatrième samedi en partant
# de la fin »).
rule-monthly-nth = { $months ->
    [1] { $from-end ->
        [yes] { $which-full } de chaque mois
       *[other] { $nth ->
            [second-last] l’
            [third-last] l’
           *[other] le{" "}
        }{ $which } { $day } de chaque mois
    }
   *[other] tous les { $months } mois, { $from-end ->
        [yes] { $which-full } du mois,
       *[other] { $nth ->
            [second-last] l’
            [third-last] l’
           *[other] le{" "}
        }{ $which } { $day },
    }
} à { $when }
day-of-month = { NUMBER($day, type: "ordinal") ->
    [one] { $day }er
   *[other] { $day }
}
last-day-of-month = { $nth ->
    [second-last] avant-dernier jour
    [third-last] troisième jour en partant de la fin
    [fourth-last] quatrième jour en partant de la fin
    [fifth-last] cinquième jour en partant de la fin
    [nth-last] { $n }e jour en partant de la fin
   *[last] dernier jour
}
rule-monthly-day = { $months ->
    [1] { $key ->
        [second-last] l’
       *[other] le{" "}
    }{ $nth } de chaque mois
   *[other] tous les { $months } mois, { $key ->
        [second-last] l’
       *[other] le{" "}
    }{ $nth },
} à { $when }
rule-yearly = chaque année le { $date } à { $when }
notes-starts = Commence le { $date }
notes-every-weeks = Toutes les { $weeks } semaines, pas chaque semaine ; prochaines dates : { $dates }
notes-no-meetings-after = Plus de réunions après le { $date }
notes-ends-next-day = Se termine à { $time } { $zone }, le lendemain
notes-cancel = { $date } : pas de réunion
notes-back-on = { $text }, reprise le { $date }
notes-move = { $date } : réunion déplacée au { $to }
notes-extra = { $date } : réunion supplémentaire à { $when }
notes-reschedule = À partir du { $date } : { $after } au lieu de { $before }
notes-end = À partir du { $date } : plus de réunions
notes-with-note = { $text } ({ $note })
ical-convenors = Animateurs : { $names }
ical-join = Rejoindre : { $url }
ical-phone = Téléphone : { $phone }
ical-tags = Étiquettes : { $tags }
reminder = { $name } commence dans { $before }
reminder-link = { $name } commence dans { $before } : { $url }
reminder-hours = { $hours ->
    [one] { $hours } heure
   *[other] { $hours } heures
}
reminder-minutes = { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
reminder-hours-minutes = { $hours } { $minutes }
atom-changes = { $name } : changements
