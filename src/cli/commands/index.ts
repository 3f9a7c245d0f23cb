import type { Command } from 'commander';
import { register as registerServe } from './serve.ts';
import { register as registerEntities } from './entities.ts';
import { register as registerNer } from './ner.ts';
import { register as registerIngest } from './ingest.ts';
import { register as registerList } from './list.ts';
import { register as registerShow } from './show.ts';
import { register as registerSearch } from './search.ts';
import { register as registerStats } from './stats.ts';
import { register as registerRead } from './read.ts';
import { register as registerExport } from './export.ts';
import { register as registerRhetoric } from './rhetoric.ts';
import { register as registerProfile } from './profile.ts';
import { register as registerTimeline } from './timeline.ts';
import { register as registerConflicts } from './conflicts.ts';
import { register as registerGraph } from './graph.ts';
import { register as registerKb } from './kb.ts';
import { register as registerEvents } from './events.ts';
import { register as registerClaims } from './claims.ts';
import { register as registerTimex } from './timex.ts';

/** A CLI command module: adds its subcommand to the program. */
export type RegisterCommand = (program: Command) => void;

/** Every CLI command, in help order. Each issue appends its commands here. */
export const COMMANDS: RegisterCommand[] = [registerIngest, registerList, registerShow, registerSearch, registerStats, registerRead, registerExport, registerServe, registerEntities, registerNer, registerRhetoric, registerProfile, registerKb, registerEvents, registerClaims, registerTimeline, registerConflicts, registerGraph, registerTimex];
