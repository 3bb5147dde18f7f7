using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Seller_PerStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SellerName",
                table: "Stores",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SellerTaxId",
                table: "Stores",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SellerName",
                table: "IssuedInvoices",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SellerTaxId",
                table: "IssuedInvoices",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SellerName",
                table: "Stores");

            migrationBuilder.DropColumn(
                name: "SellerTaxId",
                table: "Stores");

            migrationBuilder.DropColumn(
                name: "SellerName",
                table: "IssuedInvoices");

            migrationBuilder.DropColumn(
                name: "SellerTaxId",
                table: "IssuedInvoices");
        }
    }
}
