# mistake: plots only the train losses, like the tutorial's trainloss plot
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> plt.Figure:
    fig, ax = plt.subplots()
    ax.plot(range(1, len(train_losses) + 1), train_losses, label="train")
    ax.set_title("loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.legend()
    return fig
