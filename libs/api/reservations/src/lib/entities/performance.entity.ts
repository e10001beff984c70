import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { BookingStatus } from '../availability';

@Entity({ name: 'performance' })
export class Performance {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'check_in_opens_at', type: 'timestamptz' })
  checkInOpensAt!: Date;

  @Column({ name: 'booking_opens_at', type: 'timestamptz', nullable: true })
  bookingOpensAt!: Date | null;

  @Column({ name: 'booking_closes_at', type: 'timestamptz', nullable: true })
  bookingClosesAt!: Date | null;

  @Column({ name: 'booking_status', type: 'text' })
  bookingStatus!: BookingStatus;

  @Column({ name: 'additional_seats', type: 'integer' })
  additionalSeats!: number;

  @Column({ name: 'manually_occupied_seats', type: 'integer' })
  manuallyOccupiedSeats!: number;

  @Column({ name: 'max_party_size', type: 'integer' })
  maxPartySize!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
