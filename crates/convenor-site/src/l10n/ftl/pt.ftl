# Termos da literatura de recuperação e do TSML UI: «reunião», «online».

## Anúncios

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
shift = { $time } a partir de { $date }
shift-day = { $time } ({ $day }) a partir de { $date }
starts = Começa em { $date }
ends = Termina em { $date }
join = Participar
phone = Telefone
join-online = Participar online

## A regra de uma reunião

# O sábado e o domingo são masculinos; os outros dias, femininos.
rule-weekly = { $weekday ->
    [sat] todo { $day } às { $when }
    [sun] todo { $day } às { $when }
   *[other] toda { $day } às { $when }
}
rule-every = a cada { $weeks } semanas, { $day }, às { $when }
# O sábado e o domingo são masculinos; os outros dias, femininos.
rule-monthly-weekday = { $weekday ->
    [sat] { $nth ->
        [first] no primeiro
        [second] no segundo
        [third] no terceiro
        [fourth] no quarto
        [fifth] no quinto
       *[last] no último
    }
    [sun] { $nth ->
        [first] no primeiro
        [second] no segundo
        [third] no terceiro
        [fourth] no quarto
        [fifth] no quinto
       *[last] no último
    }
   *[other] { $nth ->
        [first] na primeira
        [second] na segunda
        [third] na terceira
        [fourth] na quarta
        [fifth] na quinta
       *[last] na última
    }
} { $day } de cada mês às { $when }
rule-pattern = segundo um padrão { $frequency ->
    [daily] diário
    [weekly] semanal
    [yearly] anual
   *[monthly] mensal
} às { $when } (o calendário indica as datas)

## O que uma mudança faz

change-reschedule = a partir de { $date }, { $after } em vez de { $before }
change-cancel = não há reunião em { $date }
change-move = a reunião de { $date } passa para { $to }
change-extra = uma reunião extra em { $at }
change-end = não há mais reuniões a partir de { $date }
minutes-long = { $minutes ->
    [one] , com { $minutes } minuto
   *[other] , com { $minutes } minutos
}
no-changes = nenhuma mudança
announced = anunciado em { $date }
date-at-time = { $date } às { $time } { $zone }

## A página das reuniões

language-name = Português
page-language = Idioma
page-times-shown = Os horários estão em
page-nojs = Ative o JavaScript para vê-los no seu próprio fuso horário.
page-zone-field = Mostrar os horários no fuso horário
page-show = Mostrar
page-my-zone = Meu fuso horário
page-next = Próximas reuniões
page-next-weeks = As próximas { $weeks } semanas a partir de { $date }. O horário próprio de cada reunião está entre parênteses.
page-in-progress = Em andamento
page-first = Primeira reunião
page-add = Adicionar ao meu calendário
page-no-sessions = Não há reuniões nestas semanas.
page-more = E mais { $more } reuniões nestas semanas: assine abaixo para ver todas.
page-every-week = Toda semana
page-groups = Grupos
page-subscribe-heading = Adicionar ao seu calendário
page-subscribe-text = Uma assinatura se atualiza sozinha quando os horários mudam.
page-subscribe = Assinar { $name }
page-all-meetings = todas as reuniões
page-address = endereço para copiar
page-published = Publicado em { $stamp } pelo convenor.
page-not-understood = Não entendemos o fuso horário “{ $text }”. Tente uma cidade ou um nome como Europe/London.
page-showing = Mostrando { $zone }.
page-cancelled = Não há reunião em { $date }
page-moved = Mudada de { $date }
page-extra = Reunião extra
page-filters = Filtrar reuniões
page-filter-day = Dia
page-filter-mode = Online ou presencial
page-filter-online = Online
page-filter-in-person = Presencial
page-filter-tags = Etiquetas (reuniões com todas as marcadas)
page-filter-group = Grupo
page-filter-all-groups = Todos os grupos
page-filter-reset = Mostrar todas
page-filter-count = Mostrando { $shown } de { $total ->
    [one] { $total } reunião
   *[other] { $total } reuniões
}
page-filter-none = Nenhuma reunião corresponde a estes filtros.
page-group-page = Todas as reuniões de { $group }, na página do grupo
page-more-site = E mais { $more } reuniões nestas semanas: a página de cada grupo mostra todas as suas, ou assine abaixo para ver todas.

## Regras pela sua recorrência, e as frases dos feeds (notas do Meeting
## Guide, descrições do calendário, lembretes)

list-comma = { $first }, { $rest }
list-and = { $first } e { $last }
rule-daily = { $days ->
    [1] todos os dias
   *[other] a cada { $days } dias
} às { $when }
# O sábado e o domingo são masculinos; os outros dias, femininos.
rule-weekly-days = { $weeks ->
    [1] { $weekday ->
        [sat] todo
        [sun] todo
       *[other] toda
    } { $days }
   *[other] a cada { $weeks } semanas, { $days },
} às { $when }
# $full "yes": com o dia e a preposição ("na quarta segunda-feira a
# contar do fim"), para $which-full de rule-monthly-nth.
nth-weekday = { $full ->
    [yes] { $weekday ->
        [sat] { $nth ->
            [first] no primeiro { $day }
            [second] no segundo { $day }
            [third] no terceiro { $day }
            [fourth] no quarto { $day }
            [fifth] no quinto { $day }
            [second-last] no penúltimo { $day }
            [third-last] no antepenúltimo { $day }
            [fourth-last] no quarto { $day } a contar do fim
            [fifth-last] no quinto { $day } a contar do fim
           *[last] no último { $day }
        }
        [sun] { $nth ->
            [first] no primeiro { $day }
            [second] no segundo { $day }
            [third] no terceiro { $day }
            [fourth] no quarto { $day }
            [fifth] no quinto { $day }
            [second-last] no penúltimo { $day }
            [third-last] no antepenúltimo { $day }
            [fourth-last] no quarto { $day } a contar do fim
            [fifth-last] no quinto { $day } a contar do fim
           *[last] no último { $day }
        }
       *[other] { $nth ->
            [first] na primeira { $day }
            [second] na segunda { $day }
            [third] na terceira { $day }
            [fourth] na quarta { $day }
            [fifth] na quinta { $day }
            [second-last] na penúltima { $day }
            [third-last] na antepenúltima { $day }
            [fourth-last] na quarta { $day } a contar do fim
            [fifth-last] na quinta { $day } a contar do fim
           *[last] na última { $day }
        }
    }
   *[other] { $weekday ->
        [sat] { $nth ->
            [first] primeiro
            [second] segundo
            [third] terceiro
            [fourth] quarto
            [fifth] quinto
            [second-last] penúltimo
            [third-last] antepenúltimo
            [fourth-last] quarto a contar do fim
            [fifth-last] quinto a contar do fim
           *[last] último
        }
        [sun] { $nth ->
            [first] primeiro
            [second] segundo
            [third] terceiro
            [fourth] quarto
            [fifth] quinto
            [second-last] penúltimo
            [third-last] antepenúltimo
            [fourth-last] quarto a contar do fim
            [fifth-last] quinto a contar do fim
           *[last] último
        }
       *[other] { $nth ->
            [first] primeira
            [second] segunda
            [third] terceira
            [fourth] quarta
            [fifth] quinta
            [second-last] penúltima
            [third-last] antepenúltima
            [fourth-last] quarta a contar do fim
            [fifth-last] quinta a contar do fim
           *[last] última
        }
    }
}
# $from-end é "yes" quando um dia é contado longe do fim (o quarto ou o
# quinto a contar do fim): então $which-full, cada dia com o seu nome
# ("no quarto sábado a contar do fim").
rule-monthly-nth = { $months ->
    [1] { $from-end ->
        [yes] { $which-full } de cada mês
       *[other] { $weekday ->
            [sat] no
            [sun] no
           *[other] na
        } { $which } { $day } de cada mês
    }
   *[other] a cada { $months } meses, { $from-end ->
        [yes] { $which-full } do mês,
       *[other] { $weekday ->
            [sat] no
            [sun] no
           *[other] na
        } { $which } { $day },
    }
} às { $when }
day-of-month = dia { $day }
last-day-of-month = { $nth ->
    [second-last] penúltimo dia
    [third-last] antepenúltimo dia
    [fourth-last] quarto dia a contar do fim
    [fifth-last] quinto dia a contar do fim
    [nth-last] { $n }º dia a contar do fim
   *[last] último dia
}
rule-monthly-day = { $months ->
    [1] no { $nth } de cada mês
   *[other] a cada { $months } meses, no { $nth },
} às { $when }
rule-yearly = todos os anos em { $date } às { $when }
notes-starts = { $weekday ->
    [sat] Começa no
    [sun] Começa no
   *[other] Começa na
} { $date }
notes-every-weeks = A cada { $weeks } semanas, não todas as semanas; próximas datas: { $dates }
notes-no-meetings-after = Não há reuniões depois de { $plain }
notes-ends-next-day = Termina às { $time } { $zone }, no dia seguinte
notes-cancel = { $date }: não há reunião
notes-back-on = { $text }; { $weekday ->
    [sat] volta no
    [sun] volta no
   *[other] volta na
} { $date }
notes-move = { $date }: passa para { $to }
notes-extra = { $date }: reunião extra às { $when }
notes-reschedule = A partir de { $date }: { $after } em vez de { $before }
notes-end = A partir de { $date }: não há mais reuniões
notes-with-note = { $text } ({ $note })
ical-convenors = Coordenação: { $names }
ical-join = Participar: { $url }
ical-phone = Telefone: { $phone }
ical-tags = Etiquetas: { $tags }
reminder = { $name } começa em { $before }
reminder-link = { $name } começa em { $before }: { $url }
reminder-hours = { $hours ->
    [one] { $hours } hora
   *[other] { $hours } horas
}
reminder-minutes = { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}
reminder-hours-minutes = { $hours } e { $minutes }
atom-changes = { $name }: mudanças
