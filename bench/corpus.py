"""A seeded synthetic corpus: N French briefings and the registries they name.

Built to look like real coverage at scale, not like N copies of one file:

- a few hundred actors (people, organisations, states) whose popularity follows
  a Zipf law, so a handful of leaders appear in most briefings and the long tail
  in a few;
- a pool of events (summits, calls, statements, announcements, cancellations…)
  spread over a period that grows with N; each briefing tells the events of the
  weeks around its publication date, so one summit gets several accounts that
  may disagree (date precision, place, duration, status), and announcements,
  preparatory calls and cancellations point at their summit through `related`;
- indicators shared across briefings, with values that differ between sources;
- statements relayed by several articles, sharing a `statement` id.

Every person's name is invented; parties, topics and places are real ones so
the text reads naturally. The same (n, seed) always gives byte-identical files,
and briefing i does not depend on how many briefings are drawn after it.
"""

from __future__ import annotations

import bisect
import itertools
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

try:  # the C emitter writes the same YAML several times faster
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

from generator.project import Project
from generator.reading.names import name_key, slugify

START = date(2019, 1, 1)

# ---------------------------------------------------------------- vocabulary

PARTIES = [
    ("russia", "Russie", ["Moscou", "Fédération de Russie"]),
    ("ukraine", "Ukraine", ["Kyiv", "Kiev"]),
    ("united-states", "États-Unis", ["Washington", "USA"]),
    ("european-union", "Union européenne", ["UE", "EU"]),
    ("europe", "Alliés européens", ["Européens", "capitales européennes"]),
    ("nato", "OTAN", ["NATO", "Alliance atlantique"]),
    ("united-nations", "ONU", ["Nations unies"]),
    ("turkey", "Turquie", []),
]
SANCTIONS_ADJ = {
    "russia": "russes", "ukraine": "ukrainiennes", "united-states": "américaines", "european-union": "européennes",
    "europe": "européennes", "nato": "de l’OTAN", "united-nations": "de l’ONU", "turkey": "turques",
}
# How often each party makes the news (people, demands).
PARTY_WEIGHT = {"russia": 30, "ukraine": 28, "united-states": 26, "european-union": 7, "europe": 9,
                "nato": 4, "united-nations": 3, "turkey": 3}

TOPICS = [
    ("territory", "Territoire", "Contrôle, annexion, reconnaissance ou échange de territoires ukrainiens."),
    ("sovereignty", "Souveraineté", "Souveraineté et intégrité territoriale de l’Ukraine."),
    ("security-guarantees", "Garanties de sécurité", "Engagements visant à protéger l’Ukraine d’une nouvelle agression."),
    ("sanctions", "Sanctions", "Sanctions contre la Russie, leur levée ou leur durcissement."),
    ("ceasefire", "Cessez-le-feu", "Arrêt des combats, trêve, et ordre entre cessez-le-feu et accord politique."),
    ("nuclear", "Nucléaire", "Armes, essais et sûreté nucléaires."),
    ("humanitarian", "Humanitaire", "Victimes civiles, déplacés, réfugiés, prisonniers."),
    ("neutrality", "Neutralité", "Statut neutre de l’Ukraine."),
    ("nato-enlargement", "Élargissement de l’OTAN", "Adhésion de l’Ukraine à l’OTAN."),
    ("eu-accession", "Adhésion à l’UE", "Intégration de l’Ukraine à l’Union européenne."),
    ("military-aid", "Aide militaire", "Livraisons d’armes et soutien militaire à l’Ukraine."),
    ("armed-forces", "Forces armées", "Taille et capacités des forces armées ukrainiennes."),
    ("language-rights", "Droits linguistiques", "Statut de la langue russe en Ukraine."),
    ("reconstruction", "Reconstruction", "Financement et conditions de la reconstruction."),
    ("peace-talks", "Négociations de paix", "Pourparlers, médiation et canaux diplomatiques."),
    ("us-russia-relations", "Relations russo-américaines", "Contacts et tensions entre Washington et Moscou."),
    ("european-security", "Sécurité européenne", "Architecture de sécurité en Europe."),
    ("arms-control", "Contrôle des armements", "Limitation des armements et vérification."),
    ("economy", "Économie", "Commerce, énergie, pétrole et situation économique."),
    ("military-situation", "Situation militaire", "Combats, frappes et évolution du front."),
    ("energy", "Énergie", "Gaz, pétrole, centrales et infrastructures énergétiques."),
    ("prisoners", "Prisonniers", "Échanges de prisonniers et détenus civils."),
    ("frozen-assets", "Avoirs gelés", "Avoirs russes immobilisés et leur usage."),
    ("international-law", "Droit international", "Charte des Nations unies et principes juridiques invoqués."),
]
TOPIC_WEIGHT = [14, 8, 12, 12, 12, 4, 6, 3, 6, 3, 8, 3, 1, 3, 16, 8, 5, 2, 6, 10, 4, 3, 3, 2]

CULTURES = {
    "russia": (["Arkadi", "Boris", "Vadim", "Guennadi", "Dmitri", "Ievgueni", "Igor", "Kirill", "Léonid", "Maxime",
                "Nikolaï", "Oleg", "Pavel", "Roman", "Stanislav", "Timofeï", "Viatcheslav", "Iouri", "Anna", "Irina",
                "Ekaterina", "Olga", "Svetlana", "Tatiana", "Valentina", "Maria", "Natalia", "Elena"],
               ["Volk", "Sokol", "Belous", "Kuzm", "Orl", "Zaïts", "Moroz", "Lebed", "Grom", "Tcherkass", "Iermol",
                "Kalin", "Laptev", "Medved", "Nikit", "Pankrat", "Rodion", "Sabur", "Tarass", "Ouvar", "Filat",
                "Khrom", "Tsvetk", "Chouval", "Iakim", "Abram", "Bourl", "Vorons", "Gladk", "Doroch"],
               ["ov", "ine", "ski", "tsev", "enkov", "ovski", "ev"]),
    "ukraine": (["Andriï", "Bohdan", "Vassyl", "Hryhoriï", "Denys", "Iaroslav", "Mykola", "Oleksandr", "Petro",
                 "Roman", "Serhiï", "Taras", "Iouriï", "Olena", "Oksana", "Halyna", "Iryna", "Larysa", "Natalia",
                 "Sofiia", "Ioulia", "Khrystyna"],
                ["Kovalt", "Bondar", "Tkatch", "Kravtch", "Chevtch", "Melnytch", "Lyssen", "Marchen", "Savtch",
                 "Rudn", "Kozak", "Pavlen", "Hontchar", "Dovj", "Iatsen", "Klym", "Levtch", "Moroz", "Ostap",
                 "Prytul", "Semen", "Tymoch", "Fedor", "Khmel"],
                ["enko", "uk", "ouk", "ytch", "iak", "ko", "ychyn"]),
    "united-states": (["John", "Michael", "Robert", "David", "James", "William", "Richard", "Thomas", "Charles",
                       "Steven", "Mary", "Patricia", "Jennifer", "Linda", "Susan", "Karen", "Nancy", "Laura",
                       "Rebecca", "Sharon", "Gregory", "Dennis"],
                      ["Hart", "Brook", "Whit", "Cald", "Ash", "Fair", "Marsh", "Hall", "Wood", "Black", "Stan",
                       "Bright", "Cran", "Kings", "Hunt", "Ros", "Sher", "Thorn", "Wes", "Carl"],
                      ["well", "ley", "ford", "man", "ton", "wood", "son", "field"]),
    "europe": (["Jean", "Pierre", "Claire", "Sophie", "Hans", "Klaus", "Ursula", "Giorgio", "Paolo", "Lucia",
                "Jakub", "Agnieszka", "Lars", "Ingrid", "Mikko", "Aino", "Pedro", "Carmen", "Emma", "Louis"],
               ["Lefèv", "Morel", "Dub", "Schmid", "Brand", "Kowal", "Nowa", "Ross", "Bianch", "Lind", "Niem",
                "Garc", "Fontan", "Berg", "Holm", "Van Dam", "De Wit", "Marin"],
               ["re", "er", "ski", "i", "inen", "ía", "ova", "ens"]),
    "turkey": (["Mehmet", "Ahmet", "Emre", "Ayşe", "Zeynep", "Murat", "Selin", "Kemal"],
               ["Yıld", "Demir", "Kaya", "Şah", "Çel", "Aydı", "Öztür", "Arsl"],
               ["ız", "oğlu", "can", "kan", "ır"]),
}
CULTURE_OF = {"russia": "russia", "ukraine": "ukraine", "united-states": "united-states",
              "european-union": "europe", "europe": "europe", "nato": "europe",
              "united-nations": "europe", "turkey": "turkey"}

ROLES = {
    "russia": ["ministre russe des Affaires étrangères", "porte-parole du Kremlin", "conseiller diplomatique du Kremlin",
               "vice-ministre russe des Affaires étrangères", "député à la Douma", "ambassadeur de Russie à Washington",
               "chef de la délégation russe aux pourparlers", "ministre russe de la Défense", "général russe",
               "président de la commission des Affaires étrangères de la Douma", "représentant russe à l’ONU",
               "négociateur russe", "ministre russe de l’Économie", "gouverneur d’une région frontalière"],
    "ukraine": ["ministre ukrainien des Affaires étrangères", "chef de l’administration présidentielle ukrainienne",
                "secrétaire du Conseil de sécurité ukrainien", "ministre ukrainien de la Défense",
                "député de la Rada", "négociateur ukrainien", "commandant en chef des forces ukrainiennes",
                "ambassadrice d’Ukraine auprès de l’UE", "médiateur ukrainien pour les droits humains",
                "conseiller du président ukrainien", "maire de Kharkiv"],
    "united-states": ["secrétaire d’État", "envoyé spécial pour l’Ukraine et la Russie", "conseiller à la sécurité nationale",
                      "secrétaire au Trésor", "porte-parole de la Maison-Blanche", "sénateur républicain",
                      "sénatrice démocrate", "ambassadeur des États-Unis auprès de l’OTAN", "secrétaire à la Défense",
                      "représentant au Congrès", "ancien diplomate américain", "vice-président"],
    "europe": ["chancelier", "président du Conseil européen", "ministre français des Affaires étrangères",
               "Première ministre", "ministre polonais de la Défense", "président finlandais",
               "haute représentante de l’UE pour les affaires étrangères", "commissaire européen",
               "secrétaire général de l’OTAN", "ministre allemand des Affaires étrangères", "diplomate européen",
               "secrétaire général adjoint de l’ONU", "envoyé spécial de l’ONU", "directeur de l’AIEA"],
    "turkey": ["ministre turc des Affaires étrangères", "porte-parole de la présidence turque", "médiateur turc"],
}
LEADERS = [  # invented heads of state: the most quoted people of any corpus like this one
    ("Arkadi Volkonski", "russia", "président de la Fédération de Russie"),
    ("Harold Brightman", "united-states", "président des États-Unis"),
    ("Bohdan Kovalenko", "ukraine", "président de l’Ukraine"),
]
ORGANISATIONS = [
    ("kremlin", "Kremlin", ["présidence russe"], "russia", "Présidence de la Fédération de Russie"),
    ("white-house", "Maison-Blanche", ["Maison Blanche", "présidence américaine"], "united-states", "Présidence des États-Unis"),
    ("ukrainian-presidency", "Présidence ukrainienne", ["Bankova"], "ukraine", "Administration du président ukrainien"),
    ("state-department", "Département d’État", ["diplomatie américaine"], "united-states", "Ministère américain des Affaires étrangères"),
    ("russian-mfa", "Ministère russe des Affaires étrangères", ["MID", "diplomatie russe"], "russia", "Diplomatie russe"),
    ("european-commission", "Commission européenne", ["Bruxelles"], "european-union", "Exécutif de l’Union européenne"),
    ("nato-hq", "Quartier général de l’OTAN", ["état-major de l’OTAN"], "nato", "Organisation du traité de l’Atlantique nord"),
    ("un-security-council", "Conseil de sécurité de l’ONU", ["Conseil de sécurité"], "united-nations", "Organe de l’ONU"),
    ("iaea", "AIEA", ["Agence internationale de l’énergie atomique"], "united-nations", "Agence de l’ONU"),
    ("russian-army", "Armée russe", ["forces russes"], "russia", "Forces armées de la Fédération de Russie"),
    ("ukrainian-army", "Armée ukrainienne", ["forces ukrainiennes"], "ukraine", "Forces armées de l’Ukraine"),
    ("pentagon", "Pentagone", ["département de la Défense"], "united-states", "Ministère américain de la Défense"),
    ("us-congress", "Congrès des États-Unis", ["Congrès"], "united-states", "Parlement américain"),
    ("duma", "Douma d’État", ["Douma"], "russia", "Chambre basse du Parlement russe"),
    ("rada", "Rada", ["Verkhovna Rada", "Parlement ukrainien"], "ukraine", "Parlement ukrainien"),
    ("gazprom", "Gazprom", [], "russia", "Groupe gazier russe"),
    ("rosatom", "Rosatom", [], "russia", "Agence nucléaire russe"),
    ("icrc", "CICR", ["Comité international de la Croix-Rouge"], None, "Organisation humanitaire"),
]
STATES = [
    ("russia-state", "Russie (État)", ["État russe"], "russia"),
    ("ukraine-state", "Ukraine (État)", ["État ukrainien"], "ukraine"),
    ("usa-state", "États-Unis (État)", ["État américain"], "united-states"),
    ("turkey-state", "Turquie (État)", ["État turc", "Ankara"], "turkey"),
    ("china", "Chine", ["Pékin", "République populaire de Chine"], None),
    ("hungary", "Hongrie", ["Budapest (gouvernement)"], "european-union"),
    ("belarus", "Biélorussie", ["Bélarus", "Minsk (gouvernement)"], None),
    ("saudi-arabia", "Arabie saoudite", ["Riyad (gouvernement)"], None),
    ("qatar", "Qatar", ["Doha (gouvernement)"], None),
    ("india", "Inde", ["New Delhi"], None),
]

# Named by articles but not (yet) in the registry, as in real notes: `check` warns, the build goes on.
UNREGISTERED = ["Financial Times", "Bloomberg", "CBS News", "Banque mondiale", "FMI", "Cour pénale internationale",
                "Naftogaz", "Ukrenergo", "Rosneft", "Lukoil", "Groupe Wagner", "Croissant-Rouge",
                "Conseil de l’Europe", "OSCE", "Euroclear", "Institut Kiel", "ISW", "Amnesty International",
                "un proche du Kremlin", "un haut fonctionnaire américain", "des sources ukrainiennes",
                "le patriarche Kirill", "Viktor Orbán", "Recep Tayyip Erdoğan", "Xi Jinping", "Emmanuel Macron"]
OUTLETS = ["Le Monde", "Le Figaro", "Libération", "Les Échos", "La Croix", "Ouest-France", "L’Express", "Le Point",
           "AFP", "Reuters", "Associated Press", "BBC News Russie", "Meduza", "The Kyiv Independent", "Novaïa Gazeta Europe",
           "Financial Times", "The New York Times", "The Washington Post", "The Economist", "Politico Europe",
           "Der Spiegel", "Le Temps", "RFI", "France 24", "Courrier international", "Le Grand Continent",
           "Mediapart", "L’Opinion", "Ukraïnska Pravda", "Kommersant", "TASS", "RIA Novosti", "Bloomberg",
           "The Guardian", "Die Zeit", "Gazeta Wyborcza", "Le Soir", "Euronews", "Al Jazeera", "Axios"]
JOURNALIST_FIRST = ["Camille", "Julien", "Hélène", "Marc", "Élise", "Thomas", "Anaïs", "Nicolas", "Sarah", "Benoît",
                    "Isabelle", "Luc", "Nina", "Hugo", "Léa", "Ivan", "Olga", "Paul", "Marie", "Antoine"]
JOURNALIST_LAST = ["Mercier", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel",
                   "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine",
                   "Chevalier", "Robin"]
CITIES = ["Genève", "Istanbul", "Riyad", "Budapest", "Anchorage", "Helsinki", "Vienne", "Doha", "Abou Dhabi",
          "Minsk", "Berlin", "Paris", "Bruxelles", "Varsovie", "Rome", "Ankara", "Djeddah", "Oslo", "Copenhague",
          "Stockholm", "Bakou", "Astana", "Belgrade", "Bratislava", "La Haye", "Londres", "Madrid", "Vilnius"]
UA_CITIES = ["Kharkiv", "Odessa", "Dnipro", "Zaporijjia", "Kherson", "Soumy", "Mykolaïv", "Lviv", "Kyiv",
             "Tchernihiv", "Poltava", "Kramatorsk", "Sloviansk", "Pokrovsk"]
REGIONS = ["Donetsk", "Louhansk", "Zaporijjia", "Kherson", "Kharkiv", "Soumy", "Crimée", "Dnipropetrovsk",
           "Mykolaïv", "Odessa"]
MISSILES = ["Orechnik", "Bourevestnik", "Sarmat", "Kinjal", "Zircon", "Poséidon", "Iskander-M", "Kalibr"]

OUTCOMES = {
    "summit": ["Aucune mesure concrète annoncée.", "Accord de principe sur la poursuite du dialogue.",
               "Déclaration commune sur un échange de prisonniers.", "Les délégations se séparent sans communiqué commun.",
               "Annonce d’un groupe de travail sur le cessez-le-feu.", "Rencontre écourtée, conférence de presse sans questions."],
    "meeting": ["Les deux parties évoquent des « progrès ».", "Rencontre sans avancée notable.",
                "Accord sur un nouveau cycle de pourparlers.", "Échange jugé « franc et difficile »."],
    "call": ["Les deux présidents chargent leurs ministres de préparer une rencontre.", "Appel d’environ deux heures, sans annonce.",
             "Accord pour un échange de prisonniers.", "Les deux parties divergent sur le compte rendu."],
    "statement": ["La déclaration est reprise par les agences.", "La déclaration provoque une réaction de Kyiv."],
    "sanctions": ["Les mesures visent le secteur pétrolier.", "Gel d’avoirs de plusieurs banques.",
                  "Nouvelles restrictions à l’exportation."],
    "strike": ["Plusieurs victimes civiles.", "Infrastructures énergétiques touchées.", "Dégâts importants signalés."],
    "weapons-test": ["Essai présenté comme réussi par Moscou.", "Essai non confirmé de source indépendante."],
    "announcement": ["Date et lieu annoncés.", "Annonce faite sur les réseaux sociaux."],
    "cancellation": ["Annulation faute d’accord préalable.", "Report sine die."],
    "other": ["Échange de plusieurs centaines de prisonniers.", "Visite largement commentée."],
}
KIND_WEIGHT = {"summit": 6, "meeting": 15, "call": 18, "statement": 22, "announcement": 9, "cancellation": 3,
               "sanctions": 9, "strike": 10, "weapons-test": 3, "other": 5}
KIND_NEWS = {"summit": 3.0, "meeting": 1.2, "call": 1.0, "statement": 1.0, "announcement": 1.5, "cancellation": 1.5,
             "sanctions": 1.0, "strike": 0.5, "weapons-test": 0.8, "other": 0.5}
SUMMIT_STATUS = [("held", 70), ("cancelled", 12), ("postponed", 10), ("proposed", 8)]

QUOTE_OPEN = ["Nous ne céderons pas", "Il n’y aura pas d’accord", "Nous sommes prêts à discuter",
              "La porte reste ouverte", "Personne ne peut nous imposer quoi que ce soit", "Nous avons eu une conversation franche",
              "Les conditions ne sont pas réunies", "Nous attendons des actes, pas des paroles",
              "C’est une étape importante", "Nous ne sommes pas naïfs", "Le temps joue pour nous",
              "Je ne fais confiance à personne", "Nous voulons la paix, mais pas à n’importe quel prix",
              "Chaque fois que nous parlons, la conversation est bonne", "Ce n’est pas une capitulation"]
QUOTE_CORE = ["sur la question des territoires", "tant que les frappes continuent", "sans garanties de sécurité solides",
              "avec nos partenaires européens", "avant la fin de l’année", "si Moscou accepte un cessez-le-feu",
              "sur la levée des sanctions", "au sujet de la centrale de Zaporijjia", "sur l’échange de prisonniers",
              "tant que l’Ukraine n’est pas à la table", "sur l’adhésion à l’OTAN", "concernant les avoirs gelés",
              "sur la ligne de front actuelle", "sans l’accord du Congrès", "à Genève ou ailleurs"]
QUOTE_CLOSE = ["", ", c’est notre position", ", et tout le monde le sait", ". Le reste n’est que spéculation",
               ", je le répète", ". Nous verrons dans deux semaines", ", point final"]
QUOTE_CONTEXT = ["lors d’une conférence de presse", "dans un entretien télévisé", "devant des journalistes à l’aéroport",
                 "sur les réseaux sociaux", "à l’issue de la rencontre", "devant le Parlement", "lors d’un forum économique"]

DEMAND_TEXT = {
    "territory": ["Reconnaissance de la souveraineté russe sur la région de {region}.", "Retrait des troupes russes de la région de {region}.",
                  "Gel de la ligne de front actuelle.", "Échange de territoires autour de {region}.",
                  "Aucune cession de territoire, y compris de la Crimée."],
    "security-guarantees": ["Des garanties de sécurité juridiquement contraignantes.", "Une force de réassurance européenne.",
                            "Des garanties « comparables à l’article 5 »."],
    "sanctions": ["Levée progressive des sanctions occidentales.", "Durcissement des sanctions contre le secteur pétrolier.",
                  "Sanctions secondaires contre les acheteurs de pétrole russe."],
    "ceasefire": ["Un cessez-le-feu immédiat de trente jours.", "Un accord politique global avant tout cessez-le-feu.",
                  "Une trêve des frappes sur les infrastructures énergétiques."],
    "nuclear": ["Reprise du contrôle de la centrale de Zaporijjia.", "Pas de reprise des essais nucléaires.",
                "Accès de l’AIEA à toutes les installations."],
    "humanitarian": ["Retour des enfants déportés.", "Échange de tous les prisonniers contre tous les prisonniers.",
                     "Corridors humanitaires vers {region}."],
    "neutrality": ["Neutralité permanente de l’Ukraine.", "Refus de tout statut neutre imposé."],
    "nato-enlargement": ["Renonciation définitive de l’Ukraine à l’OTAN.", "Une invitation à rejoindre l’OTAN."],
    "eu-accession": ["Ouverture rapide des négociations d’adhésion à l’UE.", "Pas d’objection à l’adhésion à l’UE."],
    "military-aid": ["Livraison de systèmes de défense aérienne supplémentaires.", "Fin des livraisons d’armes à l’Ukraine.",
                     "Missiles de longue portée."],
    "armed-forces": ["Plafonnement de l’armée ukrainienne.", "Aucune limite à la taille de l’armée ukrainienne."],
    "language-rights": ["Statut officiel pour la langue russe.", "Protection des minorités linguistiques."],
    "reconstruction": ["Financement de la reconstruction par les avoirs russes gelés.", "Un plan de reconstruction international."],
    "peace-talks": ["Une rencontre directe entre présidents.", "Négociations sous médiation turque.",
                    "La participation des Européens aux pourparlers."],
    "us-russia-relations": ["Rétablissement des vols directs.", "Réouverture des consulats."],
    "european-security": ["Une nouvelle architecture de sécurité européenne.", "Retrait des troupes de l’OTAN du flanc est."],
    "arms-control": ["Prolongation du traité New START.", "Un moratoire sur les missiles intermédiaires."],
    "economy": ["Reprise des exportations de céréales par la mer Noire.", "Levée des restrictions sur les engrais russes."],
    "military-situation": ["Fin des frappes sur les villes.", "Retrait des forces de la région de {region}."],
    "energy": ["Trêve des frappes sur les centrales.", "Reprise du transit gazier."],
    "prisoners": ["Libération des civils détenus.", "Échange de prisonniers à grande échelle."],
    "frozen-assets": ["Utilisation des avoirs russes gelés au profit de l’Ukraine.", "Restitution des avoirs gelés."],
    "international-law": ["Respect de la Charte des Nations unies.", "Un tribunal spécial pour le crime d’agression."],
    "sovereignty": ["Respect de l’intégrité territoriale de l’Ukraine.", "Contrôle sur l’orientation politique de Kyiv."],
}

INDICATORS = [  # slug, label, category, unit, base value, producers
    ("displaced-ukrainians", "Ukrainiens déplacés ou réfugiés", "humanitarian", "people", 13_000_000, ["ONU", "HCR", "OIM"]),
    ("civilian-deaths", "Civils tués depuis le début de l’invasion", "humanitarian", "people", 12_000, ["ONU", "HCDH"]),
    ("children-deported", "Enfants ukrainiens déportés", "humanitarian", "people", 19_500, ["gouvernement ukrainien", "Yale HRL"]),
    ("russian-casualties", "Pertes militaires russes", "military", "people", 700_000, ["état-major ukrainien", "renseignement britannique"]),
    ("ukrainian-casualties", "Pertes militaires ukrainiennes", "military", "people", 400_000, ["renseignement américain", "ministère russe de la Défense"]),
    ("occupied-territory", "Territoire ukrainien sous contrôle russe", "military", "km2", 113_000, ["ISW", "DeepState"]),
    ("drones-launched", "Drones lancés en une nuit", "military", "drones", 500, ["armée de l’air ukrainienne"]),
    ("us-aid-total", "Aide américaine totale à l’Ukraine", "aid", "usd", 175_000_000_000, ["Congrès", "Kiel Institute"]),
    ("eu-aid-total", "Aide européenne totale à l’Ukraine", "aid", "eur", 135_000_000_000, ["Commission européenne", "Kiel Institute"]),
    ("frozen-assets-total", "Avoirs russes gelés", "economic", "eur", 210_000_000_000, ["Commission européenne", "Euroclear"]),
    ("russian-oil-revenue", "Recettes pétrolières russes mensuelles", "economic", "usd", 13_000_000_000, ["AIE", "ministère russe des Finances"]),
    ("russian-gdp-growth", "Croissance du PIB russe", "economic", "percent", 1.5, ["FMI", "Banque centrale de Russie"]),
    ("ukraine-reconstruction-cost", "Coût estimé de la reconstruction", "economic", "usd", 524_000_000_000, ["Banque mondiale"]),
    ("russian-defence-budget", "Budget militaire russe", "economic", "rub", 13_500_000_000_000, ["ministère russe des Finances"]),
    ("prisoners-exchanged", "Prisonniers échangés", "humanitarian", "people", 1_000, ["médiateur ukrainien", "ministère russe de la Défense"]),
    ("energy-capacity-lost", "Capacité électrique ukrainienne détruite", "economic", "percent", 50, ["Ukrenergo", "AIE"]),
    ("nuclear-warheads", "Ogives nucléaires déployées", "military", "warheads", 1_550, ["FAS", "SIPRI"]),
    ("refugees-europe", "Réfugiés ukrainiens en Europe", "humanitarian", "people", 6_300_000, ["HCR"]),
    ("grain-exports", "Exportations de céréales ukrainiennes", "economic", "tonnes", 40_000_000, ["ministère ukrainien de l’Agriculture"]),
    ("sanctioned-entities", "Entités russes sanctionnées", "economic", "entities", 19_000, ["Castellum.AI", "Trésor américain"]),
]
QUALIFIERS = [("about", 35), ("exact", 20), ("more-than", 15), ("at-least", 10), ("up-to", 8), ("less-than", 4), (None, 8)]
GENRES = [("news", 40), ("analysis", 25), ("opinion", 10), ("interview", 8), ("wire", 17)]

SUMMARY_SENTENCES = [
    "{outlet} revient sur {event} et sur ce qu’il change pour les négociations.",
    "L’article rapporte que {actor} maintient sa position sur {topic}, tandis que {actor2} réclame des garanties.",
    "Selon l’auteur, {party} cherche à gagner du temps alors que {party2} pousse pour un accord rapide.",
    "Le texte cite {actor} et {actor2}, et s’appuie sur des sources diplomatiques qui ont requis l’anonymat.",
    "Il souligne que les récits de {event} divergent sur plusieurs points, notamment la date et l’issue.",
    "L’analyse rappelle le contexte : {event2}, puis une série d’appels sans résultat.",
    "Les chiffres cités portent surtout sur {topic}, sans que leur origine soit toujours précisée.",
    "L’article conclut qu’aucune des parties n’a intérêt à rompre le dialogue, mais que {topic} reste le point de blocage.",
]
TITLE_TEMPLATES = [
    "{event} : ce que l’on sait", "Après {event_lc}, {short} hausse le ton", "{short} et {short2} face à la question de {topic_lc}",
    "Pourquoi {event_lc} n’a rien réglé", "{topic} : {party} durcit le ton", "Les coulisses de {event_lc}",
    "{short} veut croire à un accord", "Ce que {party} attend de {event_lc}",
]
ROLE_VARIANTS = ["{role}", "{role}, cité par l’article", "{role}, interrogé par {outlet}", "{role}, qui s’exprime sous couvert d’anonymat"]


def _zipf(n: int, s: float = 1.0) -> list[float]:
    return [1.0 / (rank ** s) for rank in range(1, n + 1)]


def _weighted(items: list[tuple[Any, int]]) -> tuple[list[Any], list[float]]:
    values = [v for v, _ in items]
    return values, list(itertools.accumulate(w for _, w in items))


def _de(place: str) -> str:
    """`de Genève`, `d’Istanbul`."""
    return f"d’{place}" if place[:1] in "AEIOUÉÈaeiou" else f"de {place}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[1:2].isupper() else text


# ---------------------------------------------------------------- pools


@dataclass
class Actor:
    id: str
    name: str
    aliases: list[str]
    kind: str
    party: str | None
    role: str
    short: str

    def entry(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        out["kind"] = self.kind
        if self.party:
            out["party"] = self.party
        out["role"] = self.role[:1].upper() + self.role[1:]
        return out


@dataclass
class PoolEvent:
    id: str
    kind: str
    title: str
    day: date
    place: str | None
    participants: list[Actor]
    status: str
    outcome: str
    duration: str | None
    related: list[str] = field(default_factory=list)
    topic: str = "peace-talks"
    statement: str | None = None
    quote: str | None = None


class SyntheticCorpus:
    """The pools for a corpus of `n` briefings; `briefing(i)` draws briefing i (0 ≤ i, any i)."""

    def __init__(self, n: int, seed: int = 0):
        self.n, self.seed = n, seed
        rng = random.Random(f"bench-pools:{seed}:{n}")
        self.span_days = max(120, int(n / 2.5))
        self.actors = self._make_actors(rng, n_people=min(900, 180 + n // 8))
        weights = _zipf(len(self.actors), 1.05)
        self.actor_cum = list(itertools.accumulate(weights))
        self.people = [a for a in self.actors if a.kind == "person"]
        self.people_cum = list(itertools.accumulate(_zipf(len(self.people), 1.1)))
        self.by_party: dict[str, tuple[list[Actor], list[float]]] = {}
        for party, *_ in PARTIES:
            members = [a for a in self.people if a.party == party]
            self.by_party[party] = (members, list(itertools.accumulate(_zipf(len(members), 1.1))))
        self.events = self._make_events(rng, count=max(40, int(n * 0.7)))
        self.event_days = [e.day for e in self.events]
        # Heavy-tailed newsworthiness: a few summits are told by dozens of articles, most events by one or two.
        self.event_weight = [rng.paretovariate(1.3) * KIND_NEWS[e.kind] for e in self.events]
        self.indicators = self._make_indicators(rng, count=min(40 + n // 40, 20 * len(REGIONS)))
        self.indicator_cum = list(itertools.accumulate(_zipf(len(self.indicators), 0.9)))
        self.event_by_id = {e.id: e for e in self.events}

    # --- registries

    def registries(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "actors.yaml": [a.entry() for a in sorted(self.actors, key=lambda a: a.id)],
            "parties.yaml": [{"id": p, "name": name, **({"aliases": al} if al else {})} for p, name, al in PARTIES],
            "topics.yaml": [{"id": t, "name": name, "description": d} for t, name, d in TOPICS],
        }

    def _make_actors(self, rng: random.Random, n_people: int) -> list[Actor]:
        taken: set[str] = set()
        ids: set[str] = set()

        def claim(*spellings: str) -> list[str]:
            fresh = [s for s in dict.fromkeys(spellings) if name_key(s) not in taken]
            taken.update(name_key(s) for s in fresh)
            return fresh

        people: list[Actor] = []
        for name, party, role in LEADERS:
            first, last = name.split(" ", 1)
            claim(name, last, f"Président {last}")
            people.append(Actor(slugify(name), name, [last, f"Président {last}"], "person", party, role, last))
            ids.add(slugify(name))
        parties = [p for p, *_ in PARTIES]
        party_values, party_cum = parties, list(itertools.accumulate(PARTY_WEIGHT[p] for p in parties))
        attempts = 0
        while len(people) < n_people and attempts < n_people * 50:
            attempts += 1
            party = rng.choices(party_values, cum_weights=party_cum)[0]
            firsts, roots, suffixes = CULTURES[CULTURE_OF[party]]
            first, last = rng.choice(firsts), rng.choice(roots) + rng.choice(suffixes)
            name = f"{first} {last}"
            actor_id = slugify(name)
            if actor_id in ids or name_key(name) in taken:
                continue
            ids.add(actor_id)
            aliases = claim(name, last, f"M. {last}" if first[-1] not in "a" else f"Mme {last}",
                            name.replace("ï", "i").replace("ou", "u"))[1:]
            role = rng.choice(ROLES[CULTURE_OF[party]])
            people.append(Actor(actor_id, name, aliases, "person", party, role, last))
        others: list[Actor] = []
        for actor_id, name, aliases, party, role in ORGANISATIONS:
            others.append(Actor(actor_id, name, claim(name, *aliases)[1:], "organisation", party, role, name))
        for actor_id, name, aliases, party in STATES:
            others.append(Actor(actor_id, name, claim(name, *aliases)[1:], "state", party, "État", name))
        # Popularity order: the three leaders first, then a shuffled mix of everyone else.
        rest = people[3:] + others
        rng.shuffle(rest)
        return people[:3] + rest

    def _pick_people(self, rng: random.Random, k: int, party: str | None = None) -> list[Actor]:
        members, cum = self.by_party[party] if party else (self.people, self.people_cum)
        if not members:
            members, cum = self.people, self.people_cum
        chosen: dict[str, Actor] = {}
        for a in rng.choices(members, cum_weights=cum, k=k * 4):
            chosen.setdefault(a.id, a)
            if len(chosen) == k:
                break
        return list(chosen.values())

    def _make_events(self, rng: random.Random, count: int) -> list[PoolEvent]:
        kinds, kind_cum = _weighted(list(KIND_WEIGHT.items()))
        statuses, status_cum = _weighted(SUMMIT_STATUS)
        topics, topic_cum = _weighted(list(zip([t for t, *_ in TOPICS], TOPIC_WEIGHT)))
        events: list[PoolEvent] = []
        ids: set[str] = set()
        summits: list[PoolEvent] = []
        days = sorted(START + timedelta(days=rng.randrange(self.span_days)) for _ in range(count))
        for day in days:
            kind = rng.choices(kinds, cum_weights=kind_cum)[0]
            recent = [s for s in summits[-6:] if abs((s.day - day).days) < 60]
            if kind in {"announcement", "cancellation"} and not recent:
                kind = "summit"
            people = self._pick_people(rng, rng.choice([2, 2, 3]))
            a, b = people[0], people[1]
            city = rng.choice(CITIES)
            topic = rng.choices(topics, cum_weights=topic_cum)[0]
            topic_name = dict((t, nm) for t, nm, _ in TOPICS)[topic]
            related: list[str] = []
            place: str | None = city
            duration = None
            status = "held"
            if kind == "summit":
                title = rng.choice([f"Sommet {_de(city)}", f"Sommet {a.short}–{b.short} à {city}"])
                status = rng.choices(statuses, cum_weights=status_cum)[0]
                duration = rng.choice(["2 heures", "3 heures", "environ quatre heures", "une journée", "deux jours"])
            elif kind == "meeting":
                title = rng.choice([f"Rencontre {a.short}–{b.short} à {city}", f"Réunion de négociateurs à {city}"])
                duration = rng.choice(["une heure", "2 heures", "trois heures", None])
            elif kind == "call":
                title, place = f"Entretien téléphonique {a.short}–{b.short}", None
                duration = rng.choice(["40 minutes", "une heure", "plus de deux heures", None])
            elif kind == "statement":
                title, place, people = f"Déclaration de {a.short} sur la question de {_lower_first(topic_name)}", None, [a]
            elif kind == "announcement":
                parent = rng.choice(recent)
                title, place, related = f"Annonce du {parent.title[0].lower()}{parent.title[1:]}", None, [parent.id]
            elif kind == "cancellation":
                parent = rng.choice(recent)
                title, place, related = f"Annulation du {parent.title[0].lower()}{parent.title[1:]}", None, [parent.id]
                parent.status = rng.choice(["cancelled", "postponed"])
            elif kind == "sanctions":
                target = rng.choice(["le secteur pétrolier russe", "les banques russes", "la flotte fantôme",
                                     "les exportations de gaz", "des responsables russes"])
                title, place = f"Nouvelles sanctions {SANCTIONS_ADJ[a.party or 'united-states']} contre {target}", None
            elif kind == "strike":
                town = rng.choice(UA_CITIES)
                title, place, people = f"Frappe sur {town}", town, [p for p in people if p.party == "russia"][:1]
            elif kind == "weapons-test":
                missile = rng.choice(MISSILES)
                title, place, people = f"Essai du missile {missile}", None, [p for p in people if p.party == "russia"][:1]
            else:
                title = rng.choice([f"Échange de prisonniers à {city}", f"Visite de {a.short} à {city}"])
            if kind in {"call", "meeting"} and recent and rng.random() < 0.5:
                related = [rng.choice(recent).id]
            base = slugify(f"{title} {day.isoformat()}")[:70].strip("-")
            event_id = base
            for k in itertools.count(2):
                if event_id not in ids:
                    break
                event_id = f"{base}-{k}"
            ids.add(event_id)
            event = PoolEvent(event_id, kind, title, day, place, people, status, rng.choice(OUTCOMES[kind]),
                              duration, related, topic)
            if kind == "statement":
                event.statement = event_id
                event.quote = self._quote_text(rng)
            if kind == "summit":
                summits.append(event)
            events.append(event)
        return events

    def _make_indicators(self, rng: random.Random, count: int) -> list[tuple]:
        out = list(INDICATORS)
        for region in REGIONS:
            for slug, label, category, unit, base, producers in INDICATORS:
                if len(out) >= count:
                    return out
                out.append((f"{slug}-{slugify(region)}", f"{label} (région de {region})", category, unit,
                            base / rng.randint(8, 40), producers))
        return out

    @staticmethod
    def _quote_text(rng: random.Random) -> str:
        text = f"{rng.choice(QUOTE_OPEN)} {rng.choice(QUOTE_CORE)}{rng.choice(QUOTE_CLOSE)}"
        if rng.random() < 0.4:
            text += f". {rng.choice(QUOTE_OPEN)} {rng.choice(QUOTE_CORE)}"
        return text

    # --- briefings

    def briefing(self, i: int) -> tuple[str, dict[str, Any]]:
        """Briefing number i as (file name, YAML data)."""
        rng = random.Random(f"bench-briefing:{self.seed}:{self.n}:{i}")
        published = START + timedelta(days=rng.randrange(self.span_days))
        outlet = rng.choices(OUTLETS, weights=_zipf(len(OUTLETS), 0.8))[0]
        briefing_id = f"{published.isoformat()}-{slugify(outlet)}-{i:05d}"
        events = self._pick_events(rng, published)
        actors: dict[str, Actor] = {}
        for e in events[:3]:
            for p in e.participants:
                if len(actors) < 3:
                    actors.setdefault(p.id, p)
        for a in rng.choices(self.actors, cum_weights=self.actor_cum, k=30):
            if len(actors) >= 6:
                break
            actors.setdefault(a.id, a)
        cast = list(actors.values())
        people = [a for a in cast if a.kind == "person"] or self._pick_people(rng, 2)
        topics = list(dict.fromkeys(
            [e.topic for e in events[:2]]
            + rng.choices([t for t, *_ in TOPICS], weights=TOPIC_WEIGHT, k=rng.randint(1, 3))))
        lead = events[0] if events else None
        title = self._title(rng, lead, people, topics)
        data: dict[str, Any] = {
            "id": briefing_id,
            "title": title,
            "summary": self._summary(rng, outlet, events, people, topics),
            "source": self._source(rng, outlet, published, title, briefing_id),
            "topics": topics,
            "actors": [self._mention(rng, a, outlet) for a in cast] + (
                [{"name": rng.choice(UNREGISTERED), "role": "cité par l’article"}] if rng.random() < 0.25 else []),
            "events": [self._account(rng, e, published) for e in events],
            "demands": [self._demand(rng, published, topics) for _ in range(5)],
            "figures": self._figures(rng, published),
            "quotes": self._quotes(rng, events, people, published),
        }
        return f"{briefing_id}.yaml", data

    def _pick_events(self, rng: random.Random, published: date) -> list[PoolEvent]:
        lo = bisect.bisect_left(self.event_days, published - timedelta(days=75))
        hi = bisect.bisect_right(self.event_days, published + timedelta(days=30))
        window = self.events[lo:hi] or self.events[max(0, lo - 5):lo + 5]
        weights = self.event_weight[lo:hi] or [1.0] * len(window)
        chosen: dict[str, PoolEvent] = {}
        for e in rng.choices(window, weights=weights, k=40):
            if len(chosen) >= 5:
                break
            if e.id in chosen:
                continue
            chosen[e.id] = e
            for parent in e.related:  # an article on a preparatory call tells its summit too
                if len(chosen) < 6:
                    chosen.setdefault(parent, self.event_by_id[parent])
        return list(chosen.values())

    def _title(self, rng: random.Random, lead: PoolEvent | None, people: list[Actor], topics: list[str]) -> str:
        names = dict((t, nm) for t, nm, _ in TOPICS)
        party = dict((p, nm) for p, nm, _ in PARTIES)
        short2 = people[1].short if len(people) > 1 else "ses alliés"
        event = lead.title if lead else "Les négociations"
        return rng.choice(TITLE_TEMPLATES).format(
            event=event, event_lc=_lower_first(event), short=people[0].short, short2=short2,
            topic=names[topics[0]], topic_lc=_lower_first(names[topics[0]]),
            party=party.get(people[0].party or "russia", "Moscou"))

    def _summary(self, rng: random.Random, outlet: str, events: list[PoolEvent], people: list[Actor],
                 topics: list[str]) -> str:
        names = dict((t, nm) for t, nm, _ in TOPICS)
        parties = [nm for _, nm, _ in PARTIES]
        ev = [_lower_first(e.title) for e in events] or ["les négociations"]
        sentences = rng.sample(SUMMARY_SENTENCES, rng.randint(2, 4))
        return " ".join(s.format(
            outlet=outlet, event=f"« {ev[0]} »", event2=ev[-1], actor=people[0].name,
            actor2=people[-1].name if len(people) > 1 else "ses interlocuteurs",
            topic=_lower_first(names[rng.choice(topics)]), party=rng.choice(parties[:3]), party2=rng.choice(parties[3:]),
        ) for s in sentences)

    def _source(self, rng: random.Random, outlet: str, published: date, title: str, briefing_id: str) -> dict[str, Any]:
        r = rng.random()
        when: str | None = published.isoformat() if r < 0.9 else published.isoformat()[:7] if r < 0.98 else str(published.year)
        genres, genre_cum = _weighted(GENRES)
        source: dict[str, Any] = {
            "outlet": outlet if rng.random() > 0.02 else None,
            "headline": title if rng.random() < 0.3 else f"{title} — {rng.choice(['analyse', 'récit', 'décryptage', 'entretien'])}",
            "authors": [f"{rng.choice(JOURNALIST_FIRST)} {rng.choice(JOURNALIST_LAST)}"
                        for _ in range(rng.choice([0, 1, 1, 1, 2]))],
            "published": when,
            "language": rng.choices(["fr", "en", "ru", "uk", "de"], weights=[70, 15, 7, 5, 3])[0],
            "genre": rng.choices(genres, cum_weights=genre_cum)[0],
        }
        if rng.random() < 0.7:
            source["url"] = f"https://www.example.org/{slugify(outlet)}/{briefing_id}"
        if rng.random() < 0.15:
            source["credits"] = [rng.choice(["AFP", "Reuters", "AP"])]
        return source

    def _mention(self, rng: random.Random, a: Actor, outlet: str) -> dict[str, Any]:
        r = rng.random()
        name = a.name if r < 0.7 or not a.aliases else rng.choice(a.aliases) if r < 0.9 else a.id
        out: dict[str, Any] = {"name": name}
        if rng.random() < 0.85:
            out["role"] = rng.choice(ROLE_VARIANTS).format(role=a.role, outlet=outlet)
        return out

    def _account(self, rng: random.Random, e: PoolEvent, published: date) -> dict[str, Any]:
        out: dict[str, Any] = {"id": e.id, "kind": e.kind, "title": e.title}
        r = rng.random()
        if r < 0.75:
            out["date"] = e.day.isoformat()
        elif r < 0.93:
            out["date"] = e.day.isoformat()[:7]
            out["date_text"] = rng.choice(["début du mois", "mi-" + e.day.strftime("%m"), "ce mois-là"])
        elif r < 0.97:
            out["date"] = (e.day + timedelta(days=rng.choice([-1, 1]))).isoformat()  # a source off by a day
        if e.place and rng.random() < 0.9:
            out["place"] = e.place if rng.random() < 0.92 else f"{e.place} (selon des sources diplomatiques)"
        if e.participants:
            keep = e.participants if rng.random() < 0.85 else e.participants[:1]
            out["participants"] = [p.name if rng.random() < 0.8 or not p.aliases else p.aliases[0] for p in keep]
        future = e.day > published
        status = ("planned" if e.kind in {"summit", "meeting"} else "proposed") if future else (
            e.status if e.kind == "summit" else "held")
        out["status"] = status
        if not future and rng.random() < 0.7:
            out["outcome"] = e.outcome
        if e.duration and not future and rng.random() < 0.6:
            out["duration"] = e.duration if rng.random() < 0.85 else "plusieurs heures"
        if e.related:
            out["related"] = list(e.related)
        if rng.random() < 0.4:
            out["evidence"] = f"« {e.title} », a résumé un diplomate\u00a0: {_lower_first(e.outcome)}"
        return out

    def _demand(self, rng: random.Random, published: date, topics: list[str]) -> dict[str, Any]:
        parties = [p for p, *_ in PARTIES]
        party = rng.choices(parties, weights=[PARTY_WEIGHT[p] for p in parties])[0]
        topic = rng.choice(topics) if rng.random() < 0.6 else rng.choices([t for t, *_ in TOPICS], weights=TOPIC_WEIGHT)[0]
        out: dict[str, Any] = {"party": party}
        if rng.random() < 0.7:
            voice = self._pick_people(rng, 1, party)[0]
            out["voiced_by"] = voice.name if rng.random() < 0.8 or not voice.aliases else voice.aliases[0]
        out["topic"] = topic
        out["text"] = rng.choice(DEMAND_TEXT[topic]).format(region=rng.choice(REGIONS))
        if rng.random() < 0.3:
            out["status"] = "reported"
            out["via"] = rng.choice(OUTLETS)
        else:
            out["status"] = "stated"
        if rng.random() < 0.6:
            out["date"] = (published - timedelta(days=rng.randrange(40))).isoformat()[:7]
        if rng.random() < 0.3:
            out["evidence"] = f"exige {_lower_first(out['text']).rstrip('.')}, selon l’article"
        return out

    def _figures(self, rng: random.Random, published: date) -> list[dict[str, Any]]:
        picked: dict[str, tuple] = {}
        for ind in rng.choices(self.indicators, cum_weights=self.indicator_cum, k=12):
            picked.setdefault(ind[0], ind)
            if len(picked) == 3:
                break
        qualifiers, q_cum = _weighted(QUALIFIERS)
        out = []
        for slug, label, category, unit, base, producers in picked.values():
            drift = 1 + (published - START).days / 3650  # figures grow with time, and sources round differently
            value = base * drift * rng.choice([1, 1, 1, 0.95, 1.05, 1.1])
            value = round(value, 1) if base < 100 else int(round(value, -max(0, len(str(int(value))) - 3)))
            fig: dict[str, Any] = {"indicator": slug, "label": label, "category": category, "value": value}
            qualifier = rng.choices(qualifiers, cum_weights=q_cum)[0]
            if qualifier:
                fig["qualifier"] = qualifier
            fig["unit"] = unit
            if rng.random() < 0.7:
                fig["as_of"] = published.isoformat()[:7]
            if rng.random() < 0.9:
                fig["attributed_to"] = rng.choice(producers)
            if rng.random() < 0.5:
                fig["evidence"] = f"{label}\u00a0: {value:,}".replace(",", "\u202f")
            out.append(fig)
        return out

    def _quotes(self, rng: random.Random, events: list[PoolEvent], people: list[Actor],
                published: date) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for e in events:
            if e.statement and e.quote and len(out) < 2:
                text = e.quote if rng.random() < 0.6 else e.quote.replace("Nous", "Nous autres", 1)
                out.append({"speaker": e.participants[0].name, "text": text, "date": e.day.isoformat(),
                            "context": "dans sa déclaration", "translated": True, "statement": e.statement})
        while len(out) < 4:
            speaker = rng.choice(people) if rng.random() < 0.75 else self._pick_people(rng, 1)[0]
            q: dict[str, Any] = {"speaker": speaker.name if rng.random() < 0.85 or not speaker.aliases else speaker.aliases[0],
                                 "text": self._quote_text(rng)}
            if rng.random() < 0.7:
                q["date"] = (published - timedelta(days=rng.randrange(20))).isoformat()
            if rng.random() < 0.6:
                q["context"] = rng.choice(QUOTE_CONTEXT)
            if rng.random() < 0.2:
                q["via"] = rng.choice(["AFP", "Reuters", "TASS", "RIA Novosti", "Interfax"])
            if rng.random() < 0.4:
                q["translated"] = True
            out.append(q)
        return out


# ---------------------------------------------------------------- files


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)


def write_registries(corpus: SyntheticCorpus, content_dir: Path) -> None:
    content_dir.mkdir(parents=True, exist_ok=True)
    for name, entries in corpus.registries().items():
        (content_dir / name).write_text(_dump(entries), encoding="utf-8")


def dump_briefing(data: dict[str, Any]) -> str:
    """A briefing's YAML text, as `write_briefing` writes it."""
    return _dump(data)


def write_briefing(corpus: SyntheticCorpus, i: int, briefings_dir: Path) -> Path:
    name, data = corpus.briefing(i)
    path = briefings_dir / name
    path.write_text(_dump(data), encoding="utf-8")
    return path


def write_corpus(dest: Path, n: int, seed: int = 0) -> SyntheticCorpus:
    """Write n briefings and the registries into the folders the project at `dest` configures
    (`briefings/` and `content/` without a mkdocs.yml), replacing what was there."""
    project = Project.at(dest)
    corpus = SyntheticCorpus(n, seed)
    for folder in (project.briefings_dir, project.content_dir):
        shutil.rmtree(folder, ignore_errors=True)
    write_registries(corpus, project.content_dir)
    project.briefings_dir.mkdir(parents=True)
    for i in range(n):
        write_briefing(corpus, i, project.briefings_dir)
    return corpus
