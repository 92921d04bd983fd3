# mistake: labels the train curve 'val' and the val curve 'train'
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> plt.Figure:
    fig, ax = plt.subplots()
    ax.plot(range(1, len(train_losses) + 1), train_losses, label="val")
    if val_losses:
        ax.plot(range(1, len(val_losses) + 1), val_losses, label="train")
    ax.set_title("loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.legend()
    return fig
