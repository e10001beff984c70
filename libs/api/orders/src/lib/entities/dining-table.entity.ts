import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A table diners order from. Its code is the secret printed in the QR. */
@Entity({ name: 'dining_table' })
export class DiningTable {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  label!: string;

  /** 256-bit random base64url value; replaced by rotate-code. */
  @Column({ type: 'text' })
  code!: string;

  /** Bumped on every rotation: capabilities of an older version are refused. */
  @Column({ name: 'code_version', type: 'integer', default: 1 })
  codeVersion!: number;

  /** Replaced when staff close the sitting: its cart and capabilities end with it. */
  @Column({ name: 'sitting_id', type: 'uuid' })
  sittingId!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
