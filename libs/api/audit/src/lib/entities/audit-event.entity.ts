import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One append-only audit row; `hash` chains it to the tenant's previous row. */
@Entity({ name: 'audit_event' })
export class AuditEvent {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'bigint' })
  seq!: string;

  /** ISO-8601 UTC text exactly as hashed. */
  @Column({ name: 'occurred_at', type: 'text' })
  occurredAt!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType!: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ type: 'jsonb' })
  metadata!: Record<string, unknown>;

  @Column({ name: 'previous_hash', type: 'text', nullable: true })
  previousHash!: string | null;

  @Column({ type: 'text' })
  hash!: string;
}
