# Términos de la literatura de recuperación y de TSML UI: «reunión».

## Anuncios

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
shift = { $time } desde el { $date }
shift-day = { $time } ({ $day }) desde el { $date }
starts = Comienza el { $date }
ends = Termina el { $date }
join = Unirse
phone = Teléfono
join-online = Unirse en línea

## La regla de una reunión

rule-weekly = cada { $day } a las { $when }
rule-every = cada { $weeks } semanas, el { $day } a las { $when }
rule-monthly-weekday = el { $nth ->
    [first] primer
    [second] segundo
    [third] tercer
    [fourth] cuarto
    [fifth] quinto
   *[last] último
} { $day } de cada mes a las { $when }
rule-pattern = según un calendario { $frequency ->
    [daily] diario
    [weekly] semanal
    [yearly] anual
   *[monthly] mensual
} a las { $when } (el calendario indica las fechas)

## Lo que hace un cambio

change-reschedule = desde el { $date }, { $after } en lugar de { $before }
change-cancel = no hay reunión el { $date }
change-move = la reunión del { $date } pasa al { $to }
change-extra = una reunión adicional el { $at }
change-end = no hay más reuniones desde el { $date }
minutes-long = { $minutes ->
    [one] , de { $minutes } minuto
   *[other] , de { $minutes } minutos
}
no-changes = no hay cambios
announced = anunciado el { $date }
date-at-time = { $date } a las { $time } { $zone }

## La página de reuniones

language-name = Español
page-language = Idioma
page-times-shown = Las horas se muestran en
page-nojs = Active JavaScript para verlas en su propia zona horaria.
page-zone-field = Mostrar las horas en la zona horaria
page-show = Mostrar
page-my-zone = Mi zona horaria
page-next = Próximas reuniones
page-next-weeks = Las próximas { $weeks } semanas desde el { $date }. La hora propia de cada reunión está entre paréntesis.
page-in-progress = En curso
page-first = Primera reunión
page-add = Añadir a mi calendario
page-no-sessions = No hay reuniones en estas semanas.
page-more = Y { $more } reuniones más en estas semanas: suscríbase abajo para verlas todas.
page-every-week = Cada semana
page-groups = Grupos
page-subscribe-heading = Añadir a su calendario
page-subscribe-text = Una suscripción se actualiza sola cuando cambia el horario.
page-subscribe = Suscribirse a { $name }
page-all-meetings = todas las reuniones
page-address = dirección para copiar
page-published = Publicado el { $stamp } por convenor.
page-not-understood = No se entendió la zona horaria «{ $text }». Pruebe una ciudad o un nombre como Europe/London.
page-showing = Se muestra { $zone }.
page-cancelled = No hay reunión el { $date }
page-moved = Cambiada del { $date }
page-extra = Reunión adicional
page-filters = Filtrar reuniones
page-filter-day = Día
page-filter-mode = En línea o en persona
page-filter-online = En línea
page-filter-in-person = En persona
page-filter-tags = Etiquetas (reuniones con todas las marcadas)
page-filter-group = Grupo
page-filter-all-groups = Todos los grupos
page-filter-reset = Mostrar todas
page-filter-count = { $shown ->
    [one] Se muestra
   *[other] Se muestran
} { $shown } de { $total ->
    [one] { $total } reunión
   *[other] { $total } reuniones
}
page-filter-none = Ninguna reunión coincide con estos filtros.
page-group-page = Todas las reuniones de { $group }, en la página del grupo
page-more-site = Y { $more } reuniones más en estas semanas: la página de cada grupo muestra todas las suyas, o suscríbase abajo para verlas todas.

## Reglas según su recurrencia, y las frases de los feeds (notas de
## Meeting Guide, descripciones del calendario, recordatorios)

list-comma = { $first }, { $rest }
list-and = { $first } y { $last }
rule-daily = { $days ->
    [1] todos los días
   *[other] cada { $days } días
} a las { $when }
rule-weekly-days = { $weeks ->
    [1] cada { $days }
   *[other] cada { $weeks } semanas, el { $days },
} a las { $when }
nth-weekday = { $full ->
    [yes] { $nth ->
        [first] el primer { $day }
        [second] el segundo { $day }
        [third] el tercer { $day }
        [fourth] el cuarto { $day }
        [fifth] el quinto { $day }
        [second-last] el penúltimo { $day }
        [third-last] el antepenúltimo { $day }
        [fourth-last] el cuarto { $day } contando desde el final
        [fifth-last] el quinto { $day } contando desde el final
       *[last] el último { $day }
    }
   *[other] { $nth ->
        [first] primer
        [second] segundo
        [third] tercer
        [fourth] cuarto
        [fifth] quinto
        [second-last] penúltimo
        [third-last] antepenúltimo
        [fourth-last] cuarto contando desde el final
        [fifth-last] quinto contando desde el final
       *[last] último
    }
}
# $from-end es "yes" cuando un día se cuenta lejos del final (el cuarto o
# quinto desde el final): entonces $which-full, cada día con su nombre
# ("el cuarto sábado contando desde el final").
rule-monthly-nth = { $months ->
    [1] { $from-end ->
        [yes] { $which-full } de cada mes
       *[other] el { $which } { $day } de cada mes
    }
   *[other] cada { $months } meses, { $from-end ->
        [yes] { $which-full } del mes,
       *[other] el { $which } { $day },
    }
} a las { $when }
day-of-month = día { $day }
last-day-of-month = { $nth ->
    [second-last] penúltimo día
    [third-last] antepenúltimo día
    [fourth-last] cuarto día contando desde el final
    [fifth-last] quinto día contando desde el final
    [nth-last] día { $n } contando desde el final
   *[last] último día
}
rule-monthly-day = { $months ->
    [1] el { $nth } de cada mes
   *[other] cada { $months } meses, el { $nth },
} a las { $when }
rule-yearly = cada año el { $date } a las { $when }
notes-starts = Comienza el { $date }
notes-every-weeks = Cada { $weeks } semanas, no todas las semanas; próximas fechas: { $dates }
notes-no-meetings-after = No hay reuniones después del { $date }
notes-ends-next-day = Termina a las { $time } { $zone }, al día siguiente
notes-cancel = { $date }: no hay reunión
notes-back-on = { $text }; vuelve el { $date }
notes-move = { $date }: pasa al { $to }
notes-extra = { $date }: reunión adicional a las { $when }
notes-reschedule = Desde el { $date }: { $after } en lugar de { $before }
notes-end = Desde el { $date }: no hay más reuniones
notes-with-note = { $text } ({ $note })
ical-convenors = Coordinadores: { $names }
ical-join = Unirse: { $url }
ical-phone = Teléfono: { $phone }
ical-tags = Etiquetas: { $tags }
reminder = { $name } empieza en { $before }
reminder-link = { $name } empieza en { $before }: { $url }
reminder-hours = { $hours ->
    [one] { $hours } hora
   *[other] { $hours } horas
}
reminder-minutes = { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}
reminder-hours-minutes = { $hours } y { $minutes }
atom-changes = { $name }: cambios
