# mistake: draws the val curve against the train epochs, which fails when val_losses is shorter
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> plt.Figure:
    epochs = list(range(1, len(train_losses) + 1))
    fig, ax = plt.subplots()
    ax.plot(epochs, train_losses, label="train")
    if val_losses:
        ax.plot(epochs, val_losses, label="val")
    ax.set_title("loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.legend()
    return fig
